package io.lido.activation;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.lido.activation.CrashVerdict.Ending.BY_ITSELF;
import static io.lido.activation.CrashVerdict.Ending.HUNG;
import static io.lido.activation.CrashVerdict.Ending.KILLED_BY_POOL;
import static io.lido.activation.CrashVerdict.Ending.OVER_SHUTDOWN_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules that tell which requests brought their worker down, one by one. */
class CrashVerdictTest {
    private static final Instant PING = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant BEFORE = PING.minusSeconds(3);
    private static final Instant AFTER = PING.plusSeconds(2);

    @Test
    void aRequestTheWorkerNamedIsGuiltyWhateverElseHappened() {
        for (CrashVerdict.Ending ending : CrashVerdict.Ending.values()) {
            CrashVerdict verdict = new CrashVerdict(ending, PING, true, true, 137, 3);
            assertThat(verdict.guilt("the worker process named it: System.exit(3) in request 7", AFTER))
                    .contains("System.exit(3)");
        }
    }

    @Test
    void aHungWorkerThatNamedNobodyBlamesTheRequestsSentBeforeItsUnansweredPing() {
        CrashVerdict verdict = new CrashVerdict(HUNG, PING, false, false, 137, 2);
        assertThat(verdict.guilt(null, BEFORE)).contains("stopped answering pings");
        assertThat(verdict.guilt(null, PING.plusMillis(900))).as("may have held the PONG back").isNotNull();
        assertThat(verdict.guilt(null, AFTER)).as("came after the worker was already stuck").isNull();
    }

    @Test
    void aHungWorkerThatNamedItsHungRequestsLeavesTheOthersInnocent() {
        CrashVerdict verdict = new CrashVerdict(HUNG, PING, true, false, 137, 2);
        assertThat(verdict.guilt(null, BEFORE)).isNull();
    }

    @Test
    void requestsStillRunningWhenADrainRanOutOfTimeAreGuilty() {
        assertThat(new CrashVerdict(OVER_SHUTDOWN_LIMIT, null, false, false, 137, 1).guilt(null, BEFORE))
                .contains("shutdownTimeLimit");
    }

    @Test
    void otherKillsByThePoolLeaveEveryRequestInnocent() {
        assertThat(new CrashVerdict(KILLED_BY_POOL, null, false, false, 137, 1).guilt(null, BEFORE)).isNull();
    }

    @Test
    void aSystemExitNamedElsewhereOrOutsideRequestsLeavesTheOthersInnocent() {
        assertThat(new CrashVerdict(BY_ITSELF, null, false, true, 3, 2).guilt(null, BEFORE)).isNull();
    }

    @Test
    void signalsFromOutsideTheJvmAndACleanExitLeaveEveryRequestInnocent() {
        for (int code : new int[] {137, 143, 130, 129, 0}) {
            assertThat(new CrashVerdict(BY_ITSELF, null, false, false, code, 1).guilt(null, BEFORE))
                    .as("exit code %d", code).isNull();
        }
        assertThat(new CrashVerdict(BY_ITSELF, null, false, false, null, 1).guilt(null, BEFORE))
                .as("exit status unknown").isNull();
    }

    @Test
    void aCrashWithNoWordBlamesTheOnlyRequestOrEveryOneWhenSeveralRan() {
        assertThat(new CrashVerdict(BY_ITSELF, null, false, false, 134, 1).guilt(null, BEFORE))
                .isEqualTo("the worker process crashed (exit code 134, signal 6 (SIGABRT)) while it ran this request"
                        + " alone");
        assertThat(new CrashVerdict(BY_ITSELF, null, false, false, 139, 3).guilt(null, BEFORE))
                .contains("signal 11 (SIGSEGV)").contains("2 other(s)");
        assertThat(new CrashVerdict(BY_ITSELF, null, false, false, 3, 1).guilt(null, BEFORE))
                .as("Runtime.halt(3): the JDK does not log it").contains("exit code 3");
    }
}
