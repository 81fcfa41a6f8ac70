package io.lido.server.domains;

import io.lido.server.activation.HostProcess;
import io.lido.server.recycle.RecycleApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lido recycle app} through the real distribution (issue 4 part 3): the application's worker
 * restarts its domain (RECYCLE_APP) without a new worker process, the old domain's onEnd and the new
 * one's onStart run, and requests served meanwhile all succeed.
 */
class RecycleAppIT {
    private static final Duration LONG = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @Test
    void recycleAppRestartsTheDomainInsideTheRunningWorkerWhileServing() throws Exception {
        Path events = dir.resolve("events.txt");
        Path config = new DomainSite().application("app", DomainSite.WORKERS).write(dir);
        RecycleApp.write(dir.resolve("app"), events);
        try (HostProcess host = HostProcess.start(config, Map.of())) {
            HostProcess.CliResult idle = host.cli("recycle", "app", "Domains/app");
            assertThat(idle.status()).as(idle.output()).isZero();
            assertThat(idle.output()).contains("application pool 'Workers' is not running, nothing to recycle");

            String[] first = host.get("/app/domain", LONG).body().split(" ");
            LoadLoop load = LoadLoop.start(host, "/app/domain", 2);
            HostProcess.CliResult recycle = host.cli("recycle", "app", "Domains/app/");
            HostProcess.sleep(200);
            load.stop();

            assertThat(recycle.status()).as(recycle.output()).isZero();
            assertThat(recycle.output()).contains("\"Domains/app\" successfully recycled")
                    .contains("worker pid " + first[1] + ": restarted (domain generation 2)");
            String[] second = host.get("/app/domain").body().split(" ");
            assertThat(second[1]).as("the same worker process").isEqualTo(first[1]);
            assertThat(second[0]).as("a new domain").isNotEqualTo(first[0]);
            RecycleApp.awaitEvents(events, "start " + first[0], "start " + second[0], "end " + first[0]);
            assertThat(load.failures()).as("requests failed during the recycle").isEmpty();
            assertThat(load.ok()).isPositive();

            HostProcess.CliResult unknown = host.cli("recycle", "app", "Domains/nope");
            assertThat(unknown.status()).isEqualTo(1);
            assertThat(unknown.output()).contains("site 'Domains' has no application '/nope'");

            HostProcess.CliResult list = host.cli("list", "app");
            assertThat(list.status()).isZero();
            assertThat(list.output()).contains("APP \"Domains/\" (applicationPool:InHost, state:Serving, domain:1")
                    .contains("APP \"Domains/app\" (applicationPool:Workers, worker:" + first[1]
                            + ", state:Serving, domain:2, lastStart:domain 2 (manual) started ");
        }
    }
}
