package io.lido.activation;

/**
 * The control channel's application verbs ({@code lido recycle app SITE/PATH}, {@code lido list app}),
 * implemented by the server, which knows both the in-process runtimes and the out-of-process pools. Runs
 * on a control connection's own thread and may block until the application has restarted.
 */
public interface ApplicationVerbs {

    /** Restarts one application's domain; SITE/PATH as appcmd spells it ("Default Web Site/app"). */
    ControlClient.Answer recycle(String siteAndPath);

    /**
     * One line per application (per running worker for an out-of-process pool):
     * {@code APP "SITE/PATH" (applicationPool:POOL, ..., state:Serving, domain:N, lastStart:...)}.
     */
    ControlClient.Answer list();
}
