package samples.hello;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/**
 * Answers {@code /hello} with "Hello, World!" as UTF-8 text.
 *
 * <p>Mapped in the application's web.config:
 * <pre>{@code <handlers>
 *   <add name="Hello" path="hello" verb="GET,HEAD" type="samples.hello.HelloHandler"/>
 * </handlers>}</pre>
 * The handler keeps no per-request state, so it stays {@linkplain #isReusable() reusable}: one instance
 * serves every request, concurrently. For HEAD the runtime computes the same headers and the listener
 * drops the body.
 */
public final class HelloHandler implements HttpHandler {

    /** The exact body this handler writes. */
    public static final String GREETING = "Hello, World!";

    @Override
    public void processRequest(HttpContext context) {
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write(GREETING);
    }
}
