package lidotest.app;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/**
 * Logs what the JDK logs when {@code System.exit(3)} is called on this thread, without exiting (the test JVM must
 * live), then answers "still here".
 */
public final class ExitLogHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        System.getLogger("java.lang.Runtime").log(System.Logger.Level.DEBUG, "Runtime.exit() called with status: 3",
                new Throwable("Runtime.exit(3)"));
        context.response().write("still here");
    }
}
