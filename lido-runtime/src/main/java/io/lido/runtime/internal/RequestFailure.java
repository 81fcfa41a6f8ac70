package io.lido.runtime.internal;

import io.lido.api.PipelineEvent;

/**
 * An unhandled exception of a request and where it happened, for the error page and the log.
 *
 * @param error  what was thrown (never the runtime's wrapper)
 * @param source the module, Global class or handler that threw, or null when the runtime itself did
 * @param event  the event being raised, or null when the handler was executing
 */
record RequestFailure(Throwable error, String source, PipelineEvent event) {

    /** Unwraps the runtime's carrier exception into a failure. */
    static RequestFailure of(Throwable thrown, PipelineEvent current) {
        if (thrown instanceof PipelineStepException step) {
            return new RequestFailure(step.getCause(), step.source(), step.event());
        }
        return new RequestFailure(thrown, null, current);
    }

    /** "module Timing, event BEGIN_REQUEST" style text for pages and logs. */
    String where() {
        String what = source == null ? "the runtime" : source;
        return event == null ? what + " (executing the handler)" : what + " in " + event;
    }
}
