package io.lido.ipc;

/**
 * Executes routed requests for one application. In-process hosting implements it with the runtime
 * directly; out-of-process hosting with a channel to a worker process.
 *
 * <p>{@link #dispatch} is called on a listener event-loop thread and must not block: the
 * implementation hands the request to its own thread and answers through the {@link ResponseChannel}.
 */
public interface RequestDispatcher {

    /** Starts executing one request. */
    void dispatch(RequestHead head, RequestBody body, ResponseChannel response);
}
