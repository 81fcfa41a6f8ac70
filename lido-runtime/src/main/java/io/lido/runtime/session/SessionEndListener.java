package io.lido.runtime.session;

import java.time.Duration;
import java.util.Map;

/**
 * Told when an InProc session ends (expired or abandoned), to raise the application's Session_End.
 * Called on the sweeper's thread for an expiry and on the releasing request's thread for an abandon.
 */
@FunctionalInterface
public interface SessionEndListener {

    /** The session {@code id} ended with these {@code items} (the store no longer holds them). */
    void sessionEnded(String id, Map<String, Object> items, Duration timeout);
}
