package io.lido.runtime.internal;

import io.lido.api.HttpException;
import io.lido.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Turns failures and error statuses into responses, as IIS's CustomErrorModule does: an unhandled
 * exception becomes its HttpException status or 500, and at the end of a request an error status
 * (&gt;= 400) with an empty body (or any body when {@code existingResponse="Replace"}) gets a page —
 * detailed, generic or a configured custom page, per {@code httpErrors errorMode}.
 */
final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    private final CustomErrorPages customPages;

    ErrorResponder(CustomErrorPages customPages) {
        this.customPages = customPages;
    }

    /**
     * Prepares the response for an unhandled failure and sets the status: an HttpException keeps the
     * headers set so far and loses the body; any other exception loses headers and body and answers
     * 500 (500.19 for invalid configuration), since what it left half-done cannot be trusted.
     */
    void prepare(RuntimeContext context, RequestFailure failure) {
        RuntimeResponse response = context.runtimeResponse();
        if (response.isCommitted()) {
            return;
        }
        if (failure.error() instanceof HttpException http) {
            // A deliberate answer: keep headers such as Allow or WWW-Authenticate, drop only the body.
            response.clearContent();
            response.status(http.status());
            response.subStatus(http.subStatus());
            return;
        }
        response.clear();
        if (failure.error() instanceof ConfigException) {
            // IIS 500.19: "the related configuration data for the page is invalid".
            response.status(500);
            response.subStatus(19);
        } else {
            response.status(500);
        }
    }

    /** Writes the error page when the response ends with an error status and no body of its own. */
    void writeErrorPage(RuntimeContext context) {
        RuntimeResponse response = context.runtimeResponse();
        int status = response.status();
        if (status < 400 || response.isCommitted()) {
            return;
        }
        HttpErrorsSettings settings = settings(context);
        boolean empty = response.output().isEmpty();
        if (settings.passThrough() || (!empty && !settings.replace())) {
            return;
        }
        response.output().discard();
        int subStatus = response.subStatus();
        if (!settings.detailedFor(context.request().isLocal())) {
            HttpErrorsSettings.CustomError custom = settings.find(status, subStatus);
            if (custom != null && customPages.write(context, custom)) {
                return;
            }
            writeHtml(response, ErrorPageHtml.generic(status, subStatus));
            return;
        }
        RequestFailure failure = context.error() == null ? null : context.failure();
        String handler = context.handler() == null ? "" : handlerName(context);
        writeHtml(response, ErrorPageHtml.detailed(status, subStatus, context.request().rawUrl(),
                physicalPath(context), handler, failure));
    }

    private static void writeHtml(RuntimeResponse response, String html) {
        response.contentType("text/html; charset=utf-8");
        response.write(html);
    }

    private static String handlerName(RuntimeContext context) {
        Object handler = context.handler();
        return handler instanceof MethodNotAllowedHandler ? "(no handler allows " + context.request().method() + ")"
                : handler.getClass().getName();
    }

    private static HttpErrorsSettings settings(RuntimeContext context) {
        try {
            return HttpErrorsSettings.read(context.config().section("system.webServer/httpErrors"));
        } catch (ConfigException e) {
            // The request failed on this very configuration; the failure page must not fail on it too.
            LOG.debug("httpErrors unavailable for {}, using IIS defaults: {}", context.request().path(), e.getMessage());
            return HttpErrorsSettings.DEFAULTS;
        }
    }

    private static Path physicalPath(RuntimeContext context) {
        try {
            return context.request().physicalPath();
        } catch (HttpException e) {
            return null;
        }
    }
}
