package io.lido.activation;

/** An application pool's administrative state, as {@code appcmd list apppool} shows it. */
public enum PoolState {
    /** Takes requests (and starts workers on demand). */
    STARTED,
    /** Answers every request 503: stopped by an administrator, by rapid-fail protection, or at shutdown. */
    STOPPED
}
