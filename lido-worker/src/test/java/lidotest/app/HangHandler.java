package lidotest.app;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/**
 * Never answers; with ?partial=1 it first sends the head and 40 KB of body (more than the channels
 * gather before writing), then hangs.
 */
public final class HangHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) throws Exception {
        if (context.request().query("partial") != null) {
            context.response().write(new byte[40 * 1024]);
            context.response().flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
