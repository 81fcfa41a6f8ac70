package io.lido.runtime.session;

/** A session lock was not granted in time: another request of the same session holds it. */
public final class SessionLockTimeoutException extends RuntimeException {
    public SessionLockTimeoutException(String message) {
        super(message);
    }
}
