package samples.isolation.a;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/**
 * Answers {@code ?ms=N} after N milliseconds (at most a minute) with {@code domain=ID}: the domain that
 * ran the request. Tests keep one in flight across a deployment to see it finish in the old domain.
 */
public final class SlowHandler implements HttpHandler {

    @Override
    public void processRequest(HttpContext context) throws InterruptedException {
        String ms = context.request().query("ms");
        long millis;
        try {
            millis = ms == null ? 1000 : Long.parseLong(ms);
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < 0 || millis > 60_000) {
            context.response().status(400);
            context.response().write("ms must be a number of milliseconds from 0 to 60000, not " + ms);
            return;
        }
        Thread.sleep(millis);
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write("domain=" + context.application().get(Global.DOMAIN_KEY));
    }
}
