package io.lido.activation;

import java.time.Duration;

/**
 * A snapshot of one worker process, for {@code lido list wp}.
 *
 * @param pool     the application pool
 * @param pid      the process id
 * @param state    Starting, Running, Recycling (overlapped, waiting for its replacement), Stopping (draining,
 *                 or its connection went) or Killed (by the pool)
 * @param uptime   since the process started
 * @param inFlight requests executing now
 * @param requests requests sent to it so far
 * @param recycleReason why it is being recycled when that has a name ({@code OutOfMemory}), else null
 */
public record WorkerInfo(String pool, long pid, String state, Duration uptime, int inFlight, long requests,
                         String recycleReason) {
}
