package io.lido.api;

/**
 * The events of the integrated pipeline, in the order they are raised for every request (ASP.NET
 * integrated mode, {@code HttpApplication.BuildSteps}). The mapped handler executes between
 * {@link #PRE_REQUEST_HANDLER_EXECUTE} and {@link #POST_REQUEST_HANDLER_EXECUTE}.
 *
 * <p>{@link #PRE_SEND_REQUEST_HEADERS} and {@link #PRE_SEND_REQUEST_CONTENT} are raised just before the
 * headers and the first body bytes leave, wherever in the sequence that happens; {@link #ERROR} is raised
 * when a step throws. After {@link HttpApplication#completeRequest()} the remaining steps are skipped
 * except {@link #LOG_REQUEST}, {@link #POST_LOG_REQUEST} and {@link #END_REQUEST}.
 */
public enum PipelineEvent {
    BEGIN_REQUEST,
    AUTHENTICATE_REQUEST,
    POST_AUTHENTICATE_REQUEST,
    AUTHORIZE_REQUEST,
    POST_AUTHORIZE_REQUEST,
    RESOLVE_REQUEST_CACHE,
    POST_RESOLVE_REQUEST_CACHE,
    MAP_REQUEST_HANDLER,
    POST_MAP_REQUEST_HANDLER,
    ACQUIRE_REQUEST_STATE,
    POST_ACQUIRE_REQUEST_STATE,
    PRE_REQUEST_HANDLER_EXECUTE,
    POST_REQUEST_HANDLER_EXECUTE,
    RELEASE_REQUEST_STATE,
    POST_RELEASE_REQUEST_STATE,
    UPDATE_REQUEST_CACHE,
    POST_UPDATE_REQUEST_CACHE,
    LOG_REQUEST,
    POST_LOG_REQUEST,
    END_REQUEST,
    /** Not part of the sequence: raised just before the response headers are sent. */
    PRE_SEND_REQUEST_HEADERS,
    /** Not part of the sequence: raised just before the first response body bytes are sent. */
    PRE_SEND_REQUEST_CONTENT,
    /** Not part of the sequence: raised when a step or the handler throws. */
    ERROR;

    /** Whether this event is one of the ordered request steps (not a send or error notification). */
    public boolean isStep() {
        return ordinal() <= END_REQUEST.ordinal();
    }

    /** Whether this event still runs after {@link HttpApplication#completeRequest()}. */
    public boolean runsAfterComplete() {
        return this == LOG_REQUEST || this == POST_LOG_REQUEST || this == END_REQUEST;
    }
}
