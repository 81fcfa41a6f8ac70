package io.lido.activation;

import java.util.List;

/**
 * The control channel's application verbs ({@code lido recycle app SITE/PATH}, {@code lido list app},
 * {@code lido list request}), implemented by the server, which knows both the in-process runtimes and the
 * out-of-process pools. Runs on a control connection's own thread and may block until the application has
 * restarted.
 */
public interface ApplicationVerbs {

    /** Restarts one application's domain; SITE/PATH as appcmd spells it ("Default Web Site/app"). */
    ControlClient.Answer recycle(String siteAndPath);

    /**
     * One record per application (per running worker for an out-of-process pool):
     * {@code APP "SITE/PATH" (applicationPool:POOL, ..., state:Serving, domain:N, lastStart:...)}.
     */
    List<ListRecord> list();

    /**
     * One record per request executing now that has run at least {@code minElapsedMillis}, longest-running first:
     * {@code REQUEST "ID" (site:S, applicationPool:P, url:/x, verb:GET, client:IP, time:MS msec, wp:PID,
     * stage:ExecuteRequestHandler, module:M)}.
     */
    List<ListRecord> requests(long minElapsedMillis);
}
