package io.lido.modules.fastcgi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The FastCGI process pool's timers and recycling with real php-cgi processes and a clock the test moves: idle
 * processes stop after idleTimeout, a busy one past activityTimeout is killed, a process is retired after
 * instanceMaxRequests.
 */
class FastCgiProcessPoolTest {
    private static final Path PHP_CGI = Path.of("/usr/bin/php-cgi");

    private final MovableClock clock = new MovableClock();
    private SocketFolder sockets;
    private FastCgiLauncher launcher;
    private FastCgiProcessPool pool;

    @BeforeEach
    void requirePhp() {
        boolean installed = Files.isExecutable(PHP_CGI);
        String ci = System.getenv("CI");
        if (!installed && ci != null && !ci.isBlank() && !ci.equals("false")) {
            throw new IllegalStateException("php-cgi is not installed (Debian php8.2-cgi; .ci/run installs it)");
        }
        assumeTrue(installed, "php-cgi is not installed (Debian php8.2-cgi): skipped");
        sockets = SocketFolder.create();
        launcher = new FastCgiLauncher(sockets);
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close(false);
        }
        if (launcher != null) {
            launcher.close();
            sockets.delete();
        }
    }

    private FastCgiProcessPool pool(int maxInstances, int instanceMaxRequests) {
        FastCgiSettings settings = new FastCgiSettings(PHP_CGI.toString(), "", maxInstances, instanceMaxRequests,
                Duration.ofSeconds(70), Duration.ofSeconds(90), Duration.ofSeconds(300), 10,
                StderrMode.RETURN_STDERR_IN_500, Duration.ZERO, Optional.empty(), Map.of());
        pool = new FastCgiProcessPool("test pool", settings, launcher::start, clock);
        return pool;
    }

    @Test
    void anIdleProcessStopsAfterIdleTimeout() throws Exception {
        pool(2, 200);
        FastCgiProcess process = pool.acquire();
        pool.release(process, true);
        clock.advance(Duration.ofSeconds(299));
        pool.sweep();
        assertThat(process.isAlive()).as("idle for less than idleTimeout").isTrue();
        assertThat(pool.idlePids()).containsExactly(process.pid());

        clock.advance(Duration.ofSeconds(1));
        pool.sweep();
        assertThat(process.process().waitFor(10, TimeUnit.SECONDS)).as("stopped after idleTimeout").isTrue();
        assertThat(pool.size()).isZero();
        FastCgiProcess next = pool.acquire();
        assertThat(next.pid()).as("the next request starts another").isNotEqualTo(process.pid());
        pool.release(next, true);
    }

    @Test
    void aBusyProcessSilentForActivityTimeoutIsKilled() throws Exception {
        pool(2, 200);
        FastCgiProcess process = pool.acquire();
        clock.advance(Duration.ofSeconds(69));
        pool.sweep();
        assertThat(process.killedBecause()).isNull();
        clock.advance(Duration.ofSeconds(1));
        pool.sweep();
        assertThat(process.killedBecause()).contains("activityTimeout");
        assertThat(process.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        pool.release(process, false);
        assertThat(pool.size()).isZero();
    }

    @Test
    void aProcessIsRetiredWithItsLastRequestAndItsSlotGoesToAReplacement() throws Exception {
        pool(1, 2);
        FastCgiProcess first = pool.acquire();
        pool.release(first, true);
        FastCgiProcess again = pool.acquire();
        assertThat(again).isSameAs(first);
        // Its last request: while it still runs, the one slot of maxInstances="1" already serves the next request.
        FastCgiProcess replacement = pool.acquire();
        assertThat(replacement.pid()).isNotEqualTo(first.pid());
        pool.release(again, true);
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).as("the retired process ends").isTrue();
        pool.release(replacement, true);
        assertThat(pool.idlePids()).containsExactly(replacement.pid());
    }

    /** A clock that moves only when the test says. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-07T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
