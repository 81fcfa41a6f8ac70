package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.HostingModel;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A pool configuration for tests, with IIS defaults and short, round timers. */
final class PoolSettings {
    String name = "TestPool";
    int queueLength = 1000;
    boolean alwaysRunning;
    int maxProcesses = 1;
    boolean pingingEnabled = true;
    Duration pingInterval = Duration.ofSeconds(30);
    Duration pingResponseTime = Duration.ofSeconds(90);
    Duration startupTimeLimit = Duration.ofSeconds(90);
    Duration shutdownTimeLimit = Duration.ofSeconds(90);
    Duration idleTimeout = Duration.ofMinutes(20);
    boolean disallowOverlappingRotation;
    boolean disallowRotationOnConfigChange;
    Duration recycleTime = Duration.ZERO;
    long recycleRequests;
    long privateMemoryKb;
    List<LocalTime> schedule = new ArrayList<>();
    boolean rapidFailProtection = true;
    Duration rapidFailInterval = Duration.ofMinutes(5);
    int rapidFailMaxCrashes = 5;
    String jvmOptions = "";
    boolean jvmAotCache = true;
    HostingModel hostingModel = HostingModel.OUT_OF_PROCESS;
    int maxConcurrentRequests = ApplicationPoolConfig.DEFAULT_MAX_CONCURRENT_REQUESTS;

    ApplicationPoolConfig build() {
        return new ApplicationPoolConfig(name, queueLength, true, alwaysRunning, false, hostingModel,
                jvmOptions,
                new ApplicationPoolConfig.ProcessModel(idleTimeout, maxProcesses, pingingEnabled, pingInterval,
                        pingResponseTime, startupTimeLimit, shutdownTimeLimit, "ApplicationPoolIdentity", ""),
                new ApplicationPoolConfig.Recycling(disallowOverlappingRotation, disallowRotationOnConfigChange,
                        recycleTime, recycleRequests, 0, privateMemoryKb, List.copyOf(schedule)),
                new ApplicationPoolConfig.Failure(rapidFailProtection, rapidFailInterval, rapidFailMaxCrashes),
                Map.of(), null, jvmAotCache, maxConcurrentRequests);
    }
}
