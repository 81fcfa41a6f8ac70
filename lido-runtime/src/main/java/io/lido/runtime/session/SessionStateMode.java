package io.lido.runtime.session;

/** Where an application's sessions live ({@code sessionState/@mode}, the modes Lido supports). */
public enum SessionStateMode {
    /** No session state: {@code HttpContext.session()} is always null. */
    OFF,
    /** In the application domain, as live objects; lost when the domain restarts. */
    IN_PROC,
    /** In the host process, encoded; survives worker recycles and crashes. */
    STATE_SERVER
}
