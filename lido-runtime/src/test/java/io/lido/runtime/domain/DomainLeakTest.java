package io.lido.runtime.domain;

import io.lido.runtime.RestartReason;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reloading an application many times leaks nothing: every unloaded domain's classloader becomes
 * unreachable, Metaspace stays bounded, and a thread the application left running is found.
 */
class DomainLeakTest {
    private static final int RELOADS = 50;

    @TempDir
    Path dir;
    private DomainLifecycle lifecycle;

    @AfterEach
    void shutdown() {
        if (lifecycle != null) {
            lifecycle.shutdown(Duration.ofSeconds(5));
        }
    }

    private RuntimeHarness start() {
        RuntimeHarness harness = DomainTestApps.harness(dir);
        harness.config.section("system.web/httpRuntime").set("fcnMode", "Disabled");
        lifecycle = new DomainLifecycle(harness.config, harness.site, harness.application, harness.catalog,
                Clock.systemUTC());
        lifecycle.start();
        return harness;
    }

    private String get(RuntimeHarness harness, String target) {
        CapturedResponse response = new CapturedResponse();
        lifecycle.dispatch(harness.request("GET", target).head(), io.lido.ipc.RequestBody.EMPTY, response);
        return response.await().body();
    }

    @Test
    void fiftyReloadsLeaveEveryOldDomainCollectableAndMetaspaceBounded() {
        RuntimeHarness harness = start();
        List<WeakReference<ClassLoader>> unloaded = new ArrayList<>();
        long metaspaceAfterWarmUp = 0;
        for (int i = 1; i <= RELOADS; i++) {
            assertThat(get(harness, "/version?lazy")).startsWith("version=1 hits=1 tccl=true");
            unloaded.add(new WeakReference<>(lifecycle.servingLoader()));
            assertThat(lifecycle.restart(RestartReason.MANUAL)).isTrue();
            if (i == 10) {
                awaitCollected(unloaded.subList(0, 9));
                metaspaceAfterWarmUp = metaspaceUsed();
            }
        }
        assertThat(get(harness, "/version")).startsWith("version=1 hits=1");

        awaitCollected(unloaded.subList(0, RELOADS - 1));
        long growth = metaspaceUsed() - metaspaceAfterWarmUp;
        System.out.printf("Metaspace growth over %d reloads after warm-up: %d KB%n", RELOADS - 10, growth / 1024);
        assertThat(growth).as("Metaspace growth over 40 reloads, bytes").isLessThan(8L << 20);
    }

    @Test
    void aThreadTheApplicationLeftRunningIsFoundWhenItsDomainUnloads() throws Exception {
        RuntimeHarness harness = start();
        ClassLoader first = lifecycle.servingLoader();
        assertThat(get(harness, "/thread?one")).isEqualTo("started leaky-one");

        assertThat(lifecycle.restart(RestartReason.MANUAL)).isTrue();

        List<Thread> lingering = LingeringThreads.find(first);
        try {
            assertThat(lingering).extracting(Thread::getName).containsExactly("leaky-one");
            assertThat(LingeringThreads.find(lifecycle.servingLoader())).isEmpty();
        } finally {
            lingering.forEach(Thread::interrupt);
        }
        for (Thread t : lingering) {
            t.join(5000);
        }
        assertThat(LingeringThreads.find(first)).isEmpty();
    }

    /** Waits (collecting) until every reference is cleared; the last domain unloads in the background. */
    private static void awaitCollected(List<WeakReference<ClassLoader>> refs) {
        Eventually.await("unloaded domains' classloaders to be collected", Duration.ofSeconds(30), () -> {
            System.gc();
            return refs.stream().allMatch(r -> r.get() == null);
        });
    }

    private static long metaspaceUsed() {
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Metaspace memory pool in this JVM"));
    }
}
