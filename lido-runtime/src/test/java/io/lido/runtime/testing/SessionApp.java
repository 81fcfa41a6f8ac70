package io.lido.runtime.testing;

import java.util.Map;

/** Sources of handlers that use session state, compiled into bin/app.jar by the session tests (package {@code app}). */
public final class SessionApp {
    private SessionApp() {
    }

    public static final Map<String, String> SOURCES = sources(
            "app.CounterHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class CounterHandler implements HttpHandler, RequiresSessionState {
                        @Override public void processRequest(HttpContext context) {
                            HttpSessionState session = context.session();
                            Integer n = (Integer) session.get("n");
                            n = n == null ? 1 : n + 1;
                            session.set("n", n);
                            context.response().write("n=" + n + " new=" + session.isNewSession() + " id=" + session.id());
                        }
                    }
                    """,
            "app.ReadHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class ReadHandler implements HttpHandler, ReadOnlySessionState {
                        @Override public void processRequest(HttpContext context) {
                            HttpSessionState session = context.session();
                            String refused;
                            try { session.set("n", 99); refused = "no"; }
                            catch (IllegalStateException e) { refused = e.getMessage(); }
                            context.response().write("n=" + session.get("n") + " readOnly=" + session.isReadOnly()
                                    + " refused=" + refused);
                        }
                    }
                    """,
            "app.PlainHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class PlainHandler implements HttpHandler {
                        @Override public void processRequest(HttpContext context) {
                            context.response().write("session=" + context.session());
                        }
                    }
                    """,
            "app.AbandonHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class AbandonHandler implements HttpHandler, RequiresSessionState {
                        @Override public void processRequest(HttpContext context) {
                            context.session().abandon();
                            context.response().write("abandoned " + context.session().id());
                        }
                    }
                    """,
            "app.TimeoutHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class TimeoutHandler implements HttpHandler, RequiresSessionState {
                        @Override public void processRequest(HttpContext context) {
                            context.session().timeout(Integer.parseInt(context.request().query("minutes")));
                            context.response().write("timeout=" + context.session().timeout());
                        }
                    }
                    """,
            "app.FailHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class FailHandler implements HttpHandler, RequiresSessionState {
                        @Override public void processRequest(HttpContext context) {
                            context.session().set("n", 1000);
                            throw new IllegalStateException("failed after writing the session");
                        }
                    }
                    """,
            "app.WriteGate", """
                    package app;
                    import io.lido.api.*;
                    public final class WriteGate implements HttpHandler, RequiresSessionState {
                        @Override public void processRequest(HttpContext context) throws Exception {
                            Gates.pass(context);
                        }
                    }
                    """,
            "app.ReadGate", """
                    package app;
                    import io.lido.api.*;
                    public final class ReadGate implements HttpHandler, ReadOnlySessionState {
                        @Override public void processRequest(HttpContext context) throws Exception {
                            Gates.pass(context);
                        }
                    }
                    """,
            "app.Gates", """
                    package app;
                    import io.lido.api.*;
                    import java.util.concurrent.CountDownLatch;
                    final class Gates {
                        static void pass(HttpContext context) throws Exception {
                            // Both latches first: the test installs the next request's pair once this one entered.
                            CountDownLatch entered = (CountDownLatch) context.application().get("entered");
                            CountDownLatch release = (CountDownLatch) context.application().get("release");
                            entered.countDown();
                            release.await();
                            context.response().write("passed");
                        }
                    }
                    """,
            "app.SessionGlobal", """
                    package app;
                    import io.lido.api.*;
                    public class SessionGlobal extends HttpApplication {
                        @Override public void onSessionStart(HttpContext context) {
                            application().compute("starts", v -> v == null ? 1 : (Integer) v + 1);
                            context.session().set("startedAt", context.request().path());
                        }
                        @Override public void onSessionEnd(HttpSessionState session) {
                            boolean tccl = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                            application().set("ended:" + session.id(), session.get("n") + " tccl=" + tccl
                                    + " readOnly=" + session.isReadOnly());
                        }
                    }
                    """,
            "app.ClearingHandler", """
                    package app;
                    import io.lido.api.*;
                    public final class ClearingHandler implements HttpHandler, RequiresSessionState {
                        @Override public void processRequest(HttpContext context) {
                            context.session().set("n", 1);
                            context.response().write("draft");
                            context.response().clear();
                            context.response().write("final");
                        }
                    }
                    """,
            "app.SessionProbe", """
                    package app;
                    import io.lido.api.*;
                    public final class SessionProbe implements HttpHandler, RequiresSessionState {
                        @Override public void processRequest(HttpContext context) {
                            context.response().write("session=" + context.session());
                        }
                    }
                    """);

    private static Map<String, String> sources(String... nameThenSource) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < nameThenSource.length; i += 2) {
            map.put(nameThenSource[i], nameThenSource[i + 1]);
        }
        return Map.copyOf(map);
    }
}
