package io.lido.ipc;

import java.util.Objects;

/**
 * One request executing now, for {@code lido list request} (appcmd's {@code list requests}, IIS Manager's
 * "View Current Requests"): reported by the runtime that runs it (in the host for an in-process pool, by each
 * worker over REQUEST_LIST frames otherwise). A snapshot: the request has moved on by the time anyone reads it.
 *
 * @param requestId       the listener's request id
 * @param siteId          the IIS site id
 * @param applicationPath the application's virtual path ("/" or "/app")
 * @param verb            the request method
 * @param url             the request target as received (path and query)
 * @param client          the client's IP address
 * @param elapsedMillis   since the runtime began executing it
 * @param stage           the pipeline stage as IIS names it ("BeginRequest", "ExecuteRequestHandler", ...)
 * @param module          the module (or the Global class) whose subscriber runs, or the handler's class while the
 *                        handler executes; "" between steps
 */
public record ExecutingRequest(long requestId, long siteId, String applicationPath, String verb, String url,
                               String client, long elapsedMillis, String stage, String module) {
    public ExecutingRequest {
        Objects.requireNonNull(applicationPath, "applicationPath");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(module, "module");
    }
}
