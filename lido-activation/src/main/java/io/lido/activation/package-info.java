/**
 * The activation service (WAS for Lido): every {@code outOfProcess} application pool runs in worker
 * JVMs that this package starts, supervises and replaces.
 *
 * <p>{@link io.lido.activation.ActivationService} owns one {@link io.lido.activation.ApplicationPool} per
 * pool. A pool is the listener's {@link io.lido.ipc.RequestDispatcher} for its applications: it queues
 * requests (bounded by {@code queueLength}), starts workers on demand or at start
 * ({@code startMode="AlwaysRunning"}), pings them, recycles them (time, requests, memory, schedule, on
 * demand, on a configuration change; overlapped unless {@code disallowOverlappingRotation}), stops idle
 * ones, replays a safe request once when its worker dies before answering, and stops itself when
 * workers crash too often (rapid-fail protection, like an Erlang/OTP supervisor's restart intensity).
 *
 * <p>Threading: all of a pool's state is touched only by tasks of its {@code SerialExecutor},
 * so the listener's event loop only enqueues and never blocks; timers are a periodic
 * {@link io.lido.activation.ApplicationPool#tick()} that reads an injected {@link java.time.Clock}, so
 * tests drive time by hand. The host never loads application classes: workers are separate JVMs
 * reached through {@link io.lido.ipc.link.WorkerLink}.
 *
 * <p>Cold start: {@link io.lido.activation.ProcessWorkerLauncher} starts each worker JVM from the JDK AOT
 * cache of its exact JVM configuration, which the first such worker trains ({@code AotCache}, keyed by
 * {@code AotCacheKey}; docs/activation.md).
 */
package io.lido.activation;
