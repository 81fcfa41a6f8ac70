package io.lido.server.fastcgi;

import io.lido.server.activation.HostProcess;
import io.lido.server.it.ExternalTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FastCgiModule in an out-of-process pool through the real distribution: php-cgi runs as a child of the pool's
 * worker JVM (so as the pool's identity), its socket is in the worker's own folder, it recycles under load without a
 * failed request, and it dies with its worker.
 */
class FastCgiWorkerIT {
    @TempDir
    Path dir;

    private final PhpSite site = new PhpSite();

    @BeforeEach
    void requirePhp() {
        ExternalTool.require(PhpSite.PHP_CGI, "php8.2-cgi");
        site.hostingModel = "outOfProcess";
    }

    @Test
    void phpRunsInTheWorkerRecyclesUnderLoadWithoutErrorsAndDiesWithItsWorker() throws Exception {
        site.application = "maxInstances=\"2\" instanceMaxRequests=\"4\"";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            HttpResponse<String> hello = host.get("/hello.php");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).startsWith("Hello from PHP");

            long php = Long.parseLong(host.get("/pid.php").body());
            List<Long> workers = host.workers().stream().map(ProcessHandle::pid).toList();
            assertThat(workers).hasSize(1);
            assertThat(ProcessHandle.of(php).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                    .as("php-cgi is the worker's child, not the host's").hasValue(workers.getFirst());
            String commandLine = Files.readString(Path.of("/proc/" + php + "/cmdline")).replace('\0', ' ');
            Path socket = Path.of(commandLine.replaceAll(".* -b (\\S+).*", "$1"));
            assertThat(socket.toString()).as("in the pool's own folder of the distribution")
                    .contains("/work/shadow/").contains("/fastcgi-" + workers.getFirst() + "/");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwx------");

            int requests = 200;
            Set<String> pids = ConcurrentHashMap.newKeySet();
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
                List<Future<HttpResponse<String>>> futures = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    futures.add(pool.submit(() -> host.get("/pid.php")));
                }
                for (Future<HttpResponse<String>> future : futures) {
                    HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
                    statuses.add(response.statusCode());
                    pids.add(response.body());
                }
            }
            assertThat(statuses).as("no 502 while php-cgi recycles every 4 requests").containsOnly(200);
            assertThat(pids).hasSizeGreaterThanOrEqualTo(requests / 4);

            long last = Long.parseLong(host.get("/pid.php").body());
            ProcessHandle worker = ProcessHandle.of(workers.getFirst()).orElseThrow();
            worker.destroyForcibly();
            worker.onExit().get(20, TimeUnit.SECONDS);
            HostProcess.awaitTrue(() -> ProcessHandle.of(last).map(p -> !p.isAlive()).orElse(true),
                    Duration.ofSeconds(10), "php-cgi to die with its killed worker (pdeathsig)");
            assertThat(host.get("/hello.php").statusCode()).as("a new worker starts php again").isEqualTo(200);
        }
    }
}
