package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;

import java.util.concurrent.CompletableFuture;

/**
 * Sends a pool's AOT training load ({@code jvmAotTrainingUrl}) once the worker that trains the pool's JDK AOT
 * cache is ready. Without it the cache records only what a worker loads to start; with it the cache also carries
 * the method profiles of requests (JEP 515), so a worker started from it compiles its request path sooner.
 * The host implements it: it owns the listener the load goes through.
 */
@FunctionalInterface
public interface AotTrainingLoad {
    /**
     * Runs the load and completes when it is over (never exceptionally: a failed load only leaves the cache
     * without profiles).
     */
    CompletableFuture<Void> run(String pool, ApplicationPoolConfig.AotTraining training);
}
