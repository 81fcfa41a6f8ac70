package io.lido.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * One {@code applicationPools/add}, with {@code applicationPoolDefaults} and schema defaults applied.
 *
 * @param jvmAotCache Lido's {@code jvmAotCache}: whether the pool's worker JVMs start from a JDK AOT cache
 *                    that the pool's first worker trains (true by default)
 * @param maxConcurrentRequests Lido's {@code maxConcurrentRequests}: requests one worker process executes at
 *                    once (its in-flight slots); more wait in the pool's queue
 * @param aotTraining Lido's {@code jvmAotTrainingUrl} and {@code jvmAotTrainingTime}: the load the worker that
 *                    trains the pool's AOT cache serves before it exits, so that the cache carries the method
 *                    profiles of real requests (JEP 515) and later workers start warm
 */
public record ApplicationPoolConfig(
        String name,
        int queueLength,
        boolean autoStart,
        boolean alwaysRunning,
        boolean classicPipeline,
        HostingModel hostingModel,
        String jvmOptions,
        ProcessModel processModel,
        Recycling recycling,
        Failure failure,
        Map<String, String> environmentVariables,
        SourceLocation location,
        boolean jvmAotCache,
        int maxConcurrentRequests,
        AotTraining aotTraining) {

    /** ASP.NET's {@code maxConcurrentRequestsPerCPU} default, which Lido applies per worker process. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 5000;

    /** A pool with no AOT training load. */
    public ApplicationPoolConfig(String name, int queueLength, boolean autoStart, boolean alwaysRunning,
                                 boolean classicPipeline, HostingModel hostingModel, String jvmOptions,
                                 ProcessModel processModel, Recycling recycling, Failure failure,
                                 Map<String, String> environmentVariables, SourceLocation location,
                                 boolean jvmAotCache, int maxConcurrentRequests) {
        this(name, queueLength, autoStart, alwaysRunning, classicPipeline, hostingModel, jvmOptions, processModel,
                recycling, failure, environmentVariables, location, jvmAotCache, maxConcurrentRequests,
                AotTraining.NONE);
    }

    /** A pool with the default {@code maxConcurrentRequests}. */
    public ApplicationPoolConfig(String name, int queueLength, boolean autoStart, boolean alwaysRunning,
                                 boolean classicPipeline, HostingModel hostingModel, String jvmOptions,
                                 ProcessModel processModel, Recycling recycling, Failure failure,
                                 Map<String, String> environmentVariables, SourceLocation location,
                                 boolean jvmAotCache) {
        this(name, queueLength, autoStart, alwaysRunning, classicPipeline, hostingModel, jvmOptions, processModel,
                recycling, failure, environmentVariables, location, jvmAotCache, DEFAULT_MAX_CONCURRENT_REQUESTS);
    }

    /** A pool with the default {@code jvmAotCache="true"}. */
    public ApplicationPoolConfig(String name, int queueLength, boolean autoStart, boolean alwaysRunning,
                                 boolean classicPipeline, HostingModel hostingModel, String jvmOptions,
                                 ProcessModel processModel, Recycling recycling, Failure failure,
                                 Map<String, String> environmentVariables, SourceLocation location) {
        this(name, queueLength, autoStart, alwaysRunning, classicPipeline, hostingModel, jvmOptions, processModel,
                recycling, failure, environmentVariables, location, true);
    }

    /**
     * The training load of the pool's AOT cache: GET {@code url} (an {@code http://} URL on a loopback address,
     * which this pool serves) from a few connections for {@code duration}, once the training worker is ready.
     *
     * @param url      empty: none (the training worker exits as soon as it is ready)
     */
    public record AotTraining(String url, Duration duration) {
        /** No training load. */
        public static final AotTraining NONE = new AotTraining("", Duration.ofSeconds(20));

        /** Whether there is a load to run. */
        public boolean enabled() {
            return !url.isEmpty();
        }
    }

    /** {@code processModel}. */
    public record ProcessModel(
            Duration idleTimeout,
            int maxProcesses,
            boolean pingingEnabled,
            Duration pingInterval,
            Duration pingResponseTime,
            Duration startupTimeLimit,
            Duration shutdownTimeLimit,
            String identityType,
            String userName) {
    }

    /** {@code recycling} and {@code recycling/periodicRestart}; memory figures are in KB, 0 = off. */
    public record Recycling(
            boolean disallowOverlappingRotation,
            boolean disallowRotationOnConfigChange,
            Duration time,
            long requests,
            long memoryKb,
            long privateMemoryKb,
            List<LocalTime> schedule) {
    }

    /** {@code failure}. */
    public record Failure(
            boolean rapidFailProtection,
            Duration rapidFailProtectionInterval,
            int rapidFailProtectionMaxCrashes) {
    }
}
