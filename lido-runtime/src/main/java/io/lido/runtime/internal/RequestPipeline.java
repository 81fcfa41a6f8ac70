package io.lido.runtime.internal;

import io.lido.api.HttpException;
import io.lido.api.HttpHandler;
import io.lido.api.PipelineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * The integrated pipeline (ASP.NET's {@code HttpApplication.PipelineStepManager}): raises every step
 * event in order to the instance's subscribers, maps the handler and executes it, and handles failures.
 *
 * <p>The configured handler is looked up before BeginRequest, as IIS does, because it decides which
 * modules run (managedHandler modules only for application handlers). It is assigned at the start of
 * MapRequestHandler, before its subscribers run, so they see it and may replace it; a handler set
 * earlier (for example in PostResolveRequestCache, like ASP.NET's {@code RemapHandler}) is kept. The
 * handler runs right after the PreRequestHandlerExecute subscribers. After {@code completeRequest()} or a failure
 * only LogRequest, PostLogRequest and EndRequest run.
 *
 * <p>A failure raises Error, then calls the Global class's {@code onError}; unless one of them cleared
 * the error, the response is reset to the exception's status (HttpException) or 500, and the error
 * page is written at the end. A failure after the head was sent can only close the connection.
 */
final class RequestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);
    private static final PipelineEvent[] STEPS = Arrays.stream(PipelineEvent.values())
            .filter(PipelineEvent::isStep).toArray(PipelineEvent[]::new);

    private final ApplicationDomain domain;

    RequestPipeline(ApplicationDomain domain) {
        this.domain = domain;
    }

    /** Runs the request to its end; the response is ended or aborted when this returns. */
    void execute(RuntimeContext context) {
        try {
            domain.mapHandler(context);
        } catch (Throwable t) {
            PipelineStepException.rethrowFatal(t);
            fail(context, new RequestFailure(t, "the handler mapping", PipelineEvent.BEGIN_REQUEST));
        }
        if (!context.isCompleted()) {
            try {
                SslAccessCheck.check(context.config().section(SslAccessCheck.SECTION), context.request().isSecure());
            } catch (Throwable t) {
                PipelineStepException.rethrowFatal(t);
                fail(context, new RequestFailure(t, "the access check (sslFlags)", PipelineEvent.BEGIN_REQUEST));
            }
        }
        try {
            runSteps(context);
        } finally {
            // After completeRequest or a failure ReleaseRequestState was skipped: never leave a session locked.
            releaseSession(context);
        }
        finish(context);
    }

    private void runSteps(RuntimeContext context) {
        for (PipelineEvent step : STEPS) {
            if (context.isCompleted() && !step.runsAfterComplete()) {
                continue;
            }
            context.currentEvent(step);
            try {
                if (step == PipelineEvent.MAP_REQUEST_HANDLER && context.handler() == null) {
                    context.handler(context.mappedFactory().handler());
                } else if (step == PipelineEvent.ACQUIRE_REQUEST_STATE) {
                    context.acquireSession();
                }
                context.raise(step);
                if (step == PipelineEvent.PRE_REQUEST_HANDLER_EXECUTE && !context.isCompleted()) {
                    executeHandler(context);
                } else if (step == PipelineEvent.RELEASE_REQUEST_STATE) {
                    context.releaseSession();
                }
            } catch (Throwable t) {
                PipelineStepException.rethrowFatal(t);
                fail(context, RequestFailure.of(t, step));
            }
        }
    }

    private static void releaseSession(RuntimeContext context) {
        try {
            context.releaseSession();
        } catch (RuntimeException e) {
            LOG.error("{} {}: releasing the session failed", context.request().method(), context.request().path(), e);
        }
    }

    private static void executeHandler(RuntimeContext context) {
        HttpHandler handler = context.handler();
        if (handler == null) {
            return;
        }
        context.handlerExecuting();
        context.handlerRunning(handler);
        try {
            handler.processRequest(context);
        } catch (PipelineStepException e) {
            throw e;
        } catch (Throwable t) {
            PipelineStepException.rethrowFatal(t);
            throw new PipelineStepException(null, handler.getClass().getName(), t);
        } finally {
            context.handlerRunning(null);
        }
    }

    private void fail(RuntimeContext context, RequestFailure failure) {
        context.fail(failure);
        Throwable error = failure.error();
        if (error instanceof OutOfMemoryError oom) {
            outOfMemory(context, failure, oom);
        }
        ApplicationInstance instance = context.instance();
        if (context.hasSubscribers(PipelineEvent.ERROR)) {
            PipelineEvent previous = context.currentEvent();
            context.currentEvent(PipelineEvent.ERROR);
            try {
                context.raise(PipelineEvent.ERROR);
            } catch (Throwable t) {
                PipelineStepException.rethrowFatal(t);
                error.addSuppressed(RequestFailure.of(t, PipelineEvent.ERROR).error());
            } finally {
                context.currentEvent(previous);
            }
        }
        if (context.error() != null) {
            try {
                instance.application().onError(context, error);
            } catch (Throwable t) {
                PipelineStepException.rethrowFatal(t);
                error.addSuppressed(t);
            }
        }
        if (context.error() != null) {
            log(context, failure);
            if (context.runtimeResponse().isCommitted()) {
                context.abortResponse("unhandled " + error.getClass().getName() + " after the response head was sent");
            } else {
                domain.errors().prepare(context, failure);
            }
        }
        context.completeRequest();
    }

    private void finish(RuntimeContext context) {
        RuntimeResponse response = context.runtimeResponse();
        ResponseOutput output = response.output();
        if (context.abortReason() != null) {
            output.abort(context.abortReason());
            return;
        }
        try {
            domain.errors().writeErrorPage(context);
            output.finish();
        } catch (Throwable t) {
            PipelineStepException.rethrowFatal(t);
            RequestFailure failure = RequestFailure.of(t, context.currentEvent());
            LOG.error("{} {}: sending the response failed in {}", context.request().method(), context.request().path(),
                    failure.where(), failure.error());
            if (!output.isCommitted() && !output.isFinished()) {
                try {
                    response.clear();
                    response.status(500);
                    response.contentType("text/html; charset=utf-8");
                    response.write(ErrorPageHtml.generic(500, 0));
                    output.finish();
                    return;
                } catch (Throwable again) {
                    PipelineStepException.rethrowFatal(again);
                    t.addSuppressed(again);
                }
            }
            output.abort("the response failed: " + failure.error());
        }
    }

    /** Loud whatever the application does with the error: the whole process is short of heap, not one request. */
    private static void outOfMemory(RuntimeContext context, RequestFailure failure, OutOfMemoryError error) {
        Runtime runtime = Runtime.getRuntime();
        LOG.error("{} {}: OUT OF MEMORY in {} (heap: {} MB in use of {} MB max); the request gets 500",
                context.request().method(), context.request().path(), failure.where(),
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20, error);
        context.runtimeResponse().output().channel().outOfMemory(error);
    }

    private static void log(RuntimeContext context, RequestFailure failure) {
        Throwable error = failure.error();
        if (error instanceof HttpException http && http.status() < 500) {
            LOG.debug("{} {}: {}.{} from {}: {}", context.request().method(), context.request().path(), http.status(),
                    http.subStatus(), failure.where(), http.getMessage());
        } else {
            LOG.error("{} {}: unhandled exception in {}", context.request().method(), context.request().path(),
                    failure.where(), error);
        }
    }
}
