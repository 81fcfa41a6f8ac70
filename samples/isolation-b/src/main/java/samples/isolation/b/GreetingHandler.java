package samples.isolation.b;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;
import samples.lib.Greeting;

/**
 * Answers with {@code app=b lib=VERSION calls=N}: the greeting library version this application loaded
 * (version 2 when deployed as intended) and that copy's static call counter.
 */
public final class GreetingHandler implements HttpHandler {

    @Override
    public void processRequest(HttpContext context) {
        Greeting.greet("b");
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write("app=b lib=" + Greeting.version() + " calls=" + Greeting.calls());
    }
}
