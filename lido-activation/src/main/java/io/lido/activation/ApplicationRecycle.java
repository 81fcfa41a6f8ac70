package io.lido.activation;

import io.lido.ipc.frame.RecycleCodec;

/**
 * What one worker process did for {@code lido recycle app}: restarted the application's domain, does not
 * host it, or failed (its connection failed, or the new domain did not start and the old one serves).
 */
public record ApplicationRecycle(long pid, RecycleCodec.Status status, String message) {
}
