package io.lido.runtime.domain;

import io.lido.runtime.testing.RuntimeHarness;

import java.util.HashMap;
import java.util.Map;

/**
 * Versions of one small application for the domain tests, compiled into bin/app.jar: a handler that
 * names its version and counts hits in a static field, a Global class that can refuse to start, a slow
 * handler held by latches, a module recording its context classloader, a handler that leaks a thread.
 */
final class DomainTestApps {
    private DomainTestApps() {
    }

    /** Version {@code v} of the application; {@code failOnStart} makes its Global onStart throw. */
    static Map<String, String> version(String v, boolean failOnStart) {
        Map<String, String> sources = new HashMap<>();
        sources.put("app.VersionHandler", """
                package app;
                import io.lido.api.*;
                public final class VersionHandler implements HttpHandler {
                    static int hits;
                    @Override public void processRequest(HttpContext context) throws Exception {
                        hits++;
                        boolean tccl = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        String lazy = context.request().queryString().contains("lazy")
                                ? " lazy=" + Class.forName("app.Lazy").getSimpleName() : "";
                        if (context.request().queryString().contains("resource")) {
                            try (var in = getClass().getResource("/app/Lazy.class").openStream()) {
                                lazy += " resource=" + in.readAllBytes().length;
                            }
                        }
                        context.response().write("version=%s hits=" + hits + " tccl=" + tccl + lazy);
                    }
                }
                """.formatted(v));
        sources.put("app.Lazy", "package app; public final class Lazy { }");
        sources.put("app.Global", """
                package app;
                import io.lido.api.*;
                public class Global extends HttpApplication {
                    private boolean tccl() {
                        return Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                    }
                    @Override public void onStart() {
                        application().set("startTccl", tccl());
                        if (%s) {
                            throw new IllegalStateException("version %s refuses to start");
                        }
                    }
                    @Override public void onEnd() {
                        application().set("endTccl", tccl());
                        application().set("ended", Boolean.TRUE);
                        if (Boolean.TRUE.equals(application().get("failEnd"))) {
                            throw new IllegalStateException("onEnd refuses");
                        }
                    }
                }
                """.formatted(failOnStart, v));
        sources.put("app.SlowHandler", """
                package app;
                import io.lido.api.*;
                import java.util.concurrent.CountDownLatch;
                public final class SlowHandler implements HttpHandler {
                    @Override public void processRequest(HttpContext context) throws Exception {
                        ((CountDownLatch) context.application().get("entered")).countDown();
                        ((CountDownLatch) context.application().get("release")).await();
                        context.response().write("slow done in version %s");
                    }
                }
                """.formatted(v));
        sources.put("app.LoaderModule", """
                package app;
                import io.lido.api.*;
                public final class LoaderModule implements HttpModule {
                    private HttpApplication application;
                    private boolean tccl() {
                        return Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                    }
                    @Override public void init(HttpApplication application) {
                        this.application = application;
                        application.application().set("initTccl", tccl());
                    }
                    @Override public void dispose() {
                        application.application().set("disposeTccl", tccl());
                    }
                }
                """);
        sources.put("app.ThreadHandler", """
                package app;
                import io.lido.api.*;
                public final class ThreadHandler implements HttpHandler {
                    @Override public void processRequest(HttpContext context) {
                        Thread t = new Thread(() -> {
                            try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }
                        }, "leaky-" + context.request().queryString());
                        t.setDaemon(true);
                        t.start();
                        context.response().write("started " + t.getName());
                    }
                }
                """);
        return sources;
    }

    /** A root application of version 1 with the Global class, the module and the handlers configured. */
    static RuntimeHarness harness(java.nio.file.Path dir) {
        RuntimeHarness harness = new RuntimeHarness(dir, "/").jar(version("1", false));
        harness.config.section("system.web/httpApplication").set("type", "app.Global");
        harness.modules().add("module", "name", "Loader", "type", "app.LoaderModule");
        harness.handlers()
                .add("handler", "name", "Version", "path", "version", "verb", "GET", "type", "app.VersionHandler")
                .add("handler", "name", "Slow", "path", "slow", "verb", "GET", "type", "app.SlowHandler")
                .add("handler", "name", "Thread", "path", "thread", "verb", "GET", "type", "app.ThreadHandler");
        return harness;
    }
}
