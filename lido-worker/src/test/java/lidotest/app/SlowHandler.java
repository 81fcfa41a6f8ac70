package lidotest.app;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/** Answers "slow done" after ?ms= milliseconds (with progress: it is slow, not hung). */
public final class SlowHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) throws Exception {
        Thread.sleep(Long.parseLong(context.request().query("ms")));
        context.response().write("slow done");
    }
}
