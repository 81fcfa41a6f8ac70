package io.lido.runtime.testing;

import java.util.Map;

/** Sources of a small application compiled into bin/app.jar by tests (package {@code app}). */
public final class TestApp {
    private TestApp() {
    }

    public static final Map<String, String> SOURCES = Map.of(
            "app.TextHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class TextHandler implements HttpHandler {
                        @Override public void processRequest(HttpContext context) {
                            context.response().contentType("text/plain");
                            context.response().write("text:" + context.request().method() + " " + context.request().path());
                        }
                    }
                    """,
            "app.BoomHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class BoomHandler implements HttpHandler {
                        @Override public void processRequest(HttpContext context) {
                            context.response().write("partial output that must not leak");
                            throw new IllegalStateException("<boom> & bust");
                        }
                    }
                    """,
            "app.OomHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class OomHandler implements HttpHandler {
                        @Override public void processRequest(HttpContext context) {
                            // As the JVM throws it when an allocation fails; a real one would fill the test JVM's heap.
                            throw new OutOfMemoryError("Java heap space");
                        }
                    }
                    """,
            "app.GoneHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class GoneHandler implements HttpHandler {
                        @Override public void processRequest(HttpContext context) {
                            throw new HttpException(404, 3, "no such thing");
                        }
                    }
                    """,
            "app.ProbeHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class ProbeHandler implements HttpHandler {
                        @Override public void processRequest(HttpContext context) {
                            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                            StringBuilder sb = new StringBuilder();
                            sb.append("tccl=").append(tccl == getClass().getClassLoader()).append('\\n');
                            sb.append("virtual=").append(Thread.currentThread().isVirtual()).append('\\n');
                            for (String name : new String[] {"org.slf4j.Logger", "io.lido.runtime.HttpRuntime",
                                    "io.lido.config.WebConfig", "io.lido.api.HttpContext", "java.sql.Connection"}) {
                                boolean visible;
                                try { Class.forName(name, false, getClass().getClassLoader()); visible = true; }
                                catch (ClassNotFoundException e) { visible = false; }
                                sb.append(name).append('=').append(visible).append('\\n');
                            }
                            context.response().write(sb.toString());
                        }
                    }
                    """,
            "app.SlowHandler", """
                    package app;
                    import io.lido.api.*;
                    import java.util.concurrent.CountDownLatch;
                    public final class SlowHandler implements HttpHandler {
                        @Override public void processRequest(HttpContext context) throws Exception {
                            ((CountDownLatch) context.application().get("entered")).countDown();
                            ((CountDownLatch) context.application().get("release")).await();
                            context.response().write("instance=" + System.identityHashCode(context.applicationInstance()));
                        }
                    }
                    """,
            "app.FreshHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class FreshHandler implements HttpHandler {
                        @Override public boolean isReusable() { return false; }
                        @Override public void processRequest(HttpContext context) {
                            context.response().write("handler=" + System.identityHashCode(this));
                        }
                    }
                    """,
            "app.CountingModule", """
                    package app;
                    import io.lido.api.*;
                    public final class CountingModule implements HttpModule {
                        @Override public void init(HttpApplication application) {
                            application.on(PipelineEvent.BEGIN_REQUEST, ctx ->
                                    ctx.items().put("n", ctx.application().compute("count", v -> v == null ? 1 : (Integer) v + 1)));
                            application.on(PipelineEvent.PRE_SEND_REQUEST_HEADERS, ctx ->
                                    ctx.response().header("X-Count", String.valueOf(ctx.items().get("n"))));
                        }
                        @Override public void dispose() {
                            // runs at shutdown for every instance
                        }
                    }
                    """,
            "app.Global", """
                    package app;
                    import io.lido.api.*;
                    public class Global extends HttpApplication {
                        @Override public void onStart() { application().compute("starts", v -> v == null ? 1 : (Integer) v + 1); }
                        @Override public void onEnd() { application().set("ended", Boolean.TRUE); }
                        @Override public void onError(HttpContext context, Throwable error) {
                            application().set("lastError", error.getMessage());
                            if ("/recover".equals(context.request().path())) {
                                context.clearError();
                                // As in ASP.NET, clearing the error keeps what was written; start over.
                                context.response().clear();
                                context.response().write("recovered from " + error.getMessage());
                            }
                        }
                    }
                    """,
            "app.BrokenModule", """
                    package app;
                    import io.lido.api.*;
                    public final class BrokenModule implements HttpModule {
                        @Override public void init(HttpApplication application) {
                            throw new IllegalStateException("cannot init");
                        }
                    }
                    """);
}
