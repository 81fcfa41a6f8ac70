package io.lido.ipc.state;

/** A StateServer request that cannot be granted; {@link #kind()} says why (it crosses the wire as a code). */
public final class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request failed; the ordinal is not the wire code, {@link #code()} is. */
    public enum Kind {
        /** The lock was not granted within the wait. */
        LOCK_TIMEOUT(1),
        /** Create: a session with that id exists. */
        EXISTS(2),
        /** An application's session count or bytes, or one session's size, would pass its limit. */
        LIMIT(3),
        /** Release: the lock is not held any more (it was broken after the lock timeout). */
        STALE_LOCK(4),
        /** The request is invalid (a shared lease carrying items, a bad duration). */
        INVALID(5),
        /** The StateServer cannot be reached or is shutting down. */
        UNAVAILABLE(6);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The wire code in a STATE_REPLY (docs/ipc.md). */
        public int code() {
            return code;
        }

        /** The kind of a wire code, or null for an unknown one. */
        public static Kind of(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }

    private final Kind kind;

    public StateException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
