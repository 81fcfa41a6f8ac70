package io.lido.runtime.domain;

import io.lido.runtime.testing.RuntimeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two applications with a same-named library class of different versions each see their own, with
 * their own static fields; an application may ship and use its own SLF4J without seeing the server's.
 */
class IsolationTest {
    @TempDir
    Path dir;
    private RuntimeHarness a;
    private RuntimeHarness b;

    @AfterEach
    void close() {
        for (RuntimeHarness h : new RuntimeHarness[] {a, b}) {
            if (h != null) {
                h.close();
            }
        }
    }

    private static Map<String, String> app(String libraryVersion) {
        return Map.of(
                "lib.Greeting", """
                        package lib;
                        public final class Greeting {
                            public static int calls;
                            public static String greet() { calls++; return "hello from %s, call " + calls; }
                        }
                        """.formatted(libraryVersion),
                "app.GreetHandler", """
                        package app;
                        import io.lido.api.*;
                        public final class GreetHandler implements HttpHandler {
                            @Override public void processRequest(HttpContext context) {
                                context.response().write(lib.Greeting.greet());
                            }
                        }
                        """,
                "app.LoggingHandler", """
                        package app;
                        import io.lido.api.*;
                        public final class LoggingHandler implements HttpHandler {
                            @Override public void processRequest(HttpContext context) throws Exception {
                                ClassLoader own = getClass().getClassLoader();
                                Object logger = Class.forName("org.slf4j.LoggerFactory", true, own)
                                        .getMethod("getLogger", String.class).invoke(null, "app");
                                logger.getClass().getMethod("info", String.class).invoke(logger, "logged by the application");
                                context.response().write("slf4j from bin=" + (logger.getClass().getClassLoader() == own));
                            }
                        }
                        """);
    }

    private RuntimeHarness start(String name, String libraryVersion) {
        RuntimeHarness h = new RuntimeHarness(dir.resolve(name), "/").jar(app(libraryVersion));
        h.config.section("system.web/httpRuntime").set("fcnMode", "Disabled");
        h.handlers()
                .add("handler", "name", "Greet", "path", "greet", "verb", "GET", "type", "app.GreetHandler")
                .add("handler", "name", "Log", "path", "log", "verb", "GET", "type", "app.LoggingHandler");
        return h;
    }

    @Test
    void eachApplicationSeesItsOwnVersionOfALibraryAndItsOwnStaticFields() {
        a = start("a", "v1");
        b = start("b", "v2");
        a.start();
        b.start();

        assertThat(a.get("/greet").body()).isEqualTo("hello from v1, call 1");
        assertThat(a.get("/greet").body()).isEqualTo("hello from v1, call 2");
        assertThat(b.get("/greet").body()).isEqualTo("hello from v2, call 1");
        assertThat(a.get("/greet").body()).isEqualTo("hello from v1, call 3");
    }

    @Test
    void anApplicationMayShipItsOwnSlf4jInBin() throws Exception {
        a = start("a", "v1");
        Files.copy(jarOf(Logger.class), a.appRoot.resolve("bin").resolve("slf4j-api.jar"));
        b = start("b", "v2");
        a.start();
        b.start();

        assertThat(a.get("/log").body()).isEqualTo("slf4j from bin=true");
        assertThat(b.get("/log").status()).as("without it in bin/, the server's SLF4J stays invisible").isEqualTo(500);
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.toString()).endsWith(".jar");
        return jar;
    }
}
