package samples.isolation.a;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;
import samples.lib.Greeting;

/**
 * Answers with what this application sees of the greeting library, as one line of text:
 * {@code app=a lib=v1 calls=N domain=ID tccl=app}: the library version loaded, its static call counter,
 * the domain id from {@link Global}, and whether the thread's context classloader is this
 * application's ({@code app}) or another ({@code other}).
 */
public final class GreetingHandler implements HttpHandler {

    @Override
    public void processRequest(HttpContext context) {
        Greeting.greet("a");
        boolean ownLoader = Thread.currentThread().getContextClassLoader() == GreetingHandler.class.getClassLoader();
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write("app=a lib=" + Greeting.version() + " calls=" + Greeting.calls()
                + " domain=" + context.application().get(Global.DOMAIN_KEY) + " tccl=" + (ownLoader ? "app" : "other"));
    }
}
