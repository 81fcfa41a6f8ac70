package samples.hello;

import io.lido.api.HttpApplication;

import java.time.Instant;

/**
 * The application's Global class: named in web.config by
 * {@code <system.web><httpApplication type="samples.hello.Global"/></system.web>}.
 *
 * <p>{@link #onStart()} runs once when the application starts, before its first request: it logs one
 * line and records the start time in application state under {@value #STARTED_KEY} (an {@link Instant}),
 * where any module or handler can read it. Lido pools instances of this class, so fields would be
 * per instance; application-wide data belongs in {@link #application()}.
 *
 * <p>Logging uses {@link System.Logger}: the application's class loader sees the JDK and Lido's API
 * only, not the server's logging library.
 */
public class Global extends HttpApplication {

    /** The application state key holding the application's start time. */
    public static final String STARTED_KEY = "hello.startedAt";

    private static final System.Logger LOG = System.getLogger(Global.class.getName());

    @Override
    public void onStart() {
        Instant now = Instant.now();
        application().set(STARTED_KEY, now);
        LOG.log(System.Logger.Level.INFO, "hello application started at {0} (virtual path {1})",
                now, virtualPath());
    }

    @Override
    public void onEnd() {
        Object requests = application().get(RequestCounterModule.COUNT_KEY);
        LOG.log(System.Logger.Level.INFO, "hello application stopping after {0} requests",
                requests == null ? 0L : requests);
    }
}
