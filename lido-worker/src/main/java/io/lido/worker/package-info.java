/**
 * The worker process of an out-of-process application pool: {@link io.lido.worker.WorkerMain} hosts the
 * pool's applications ({@code HttpRuntime}s) and serves the host's requests over the frame protocol of
 * docs/ipc.md on one Unix domain socket connection.
 */
package io.lido.worker;
