package io.lido.runtime.internal;

import io.lido.api.PipelineEvent;

/**
 * Carries an exception thrown by a subscriber or handler up to the pipeline together with where it
 * happened (the module or handler and the event), which the error page shows. Only the cause matters
 * to application code: {@code HttpContext.error()} is the cause, never this wrapper.
 */
final class PipelineStepException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PipelineEvent event;
    private final String source;

    PipelineStepException(PipelineEvent event, String source, Throwable cause) {
        super(source + " failed in " + event, cause, false, false);
        this.event = event;
        this.source = source;
    }

    /** The event being raised, or null when the handler itself threw. */
    PipelineEvent event() {
        return event;
    }

    /** The module, Global class or handler that threw. */
    String source() {
        return source;
    }

    /**
     * Rethrows errors the runtime must not turn into an error page. Not OutOfMemoryError: the allocation that failed
     * is unwound by then and the request gets its 500 (the pipeline tells the transport, which replaces a worker).
     */
    static void rethrowFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError) && !(t instanceof OutOfMemoryError)) {
            throw (VirtualMachineError) t;
        }
    }
}
