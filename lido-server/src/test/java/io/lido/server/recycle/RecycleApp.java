package io.lido.server.recycle;

import io.lido.server.TestApplicationJar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application the recycle tests deploy: its Global appends "start ID" and "end ID" to an events file
 * (its path compiled in), where ID is a random id taken when the class loads, so each domain has its own;
 * /domain answers "ID PID". While a file named like the events file plus ".fail" exists, onStart throws.
 */
public final class RecycleApp {
    public static final String WEB_CONFIG = """
            <configuration>
              <system.web><httpApplication type="test.recycle.Global" /></system.web>
              <system.webServer>
                <handlers>
                  <add name="Domain" path="domain" verb="GET" type="test.recycle.Global$Domain" />
                </handlers>
              </system.webServer>
            </configuration>
            """;

    private static final String GLOBAL = """
            package test.recycle;

            import io.lido.api.HttpApplication;
            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;
            import java.nio.file.Files;
            import java.nio.file.Path;
import java.time.Duration;
            import java.nio.file.StandardOpenOption;

            public class Global extends HttpApplication {
                static final String ID = java.util.UUID.randomUUID().toString();
                private static final Path EVENTS = Path.of("%s");

                @Override
                public void onStart() throws Exception {
                    if (Files.exists(Path.of(EVENTS + ".fail"))) {
                        throw new IllegalStateException("recycle test: refusing to start");
                    }
                    append("start " + ID);
                }

                @Override
                public void onEnd() throws Exception {
                    append("end " + ID);
                }

                private static synchronized void append(String line) throws Exception {
                    Files.writeString(EVENTS, line + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }

                public static class Domain implements HttpHandler {
                    @Override
                    public void processRequest(HttpContext context) throws Exception {
                        context.response().contentType("text/plain");
                        context.response().write(ID + " " + ProcessHandle.current().pid());
                    }
                }
            }
            """;

    private RecycleApp() {
    }

    /** The application's jar; its Global appends to {@code events}. */
    public static byte[] jar(Path events) {
        return TestApplicationJar.builder()
                .source("test.recycle.Global", GLOBAL.formatted(events.toAbsolutePath().toString().replace("\\", "\\\\")))
                .build();
    }

    /** Writes bin/recycle.jar and web.config into {@code root}. */
    public static void write(Path root, Path events) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.write(root.resolve("bin/recycle.jar"), jar(events));
        Files.writeString(root.resolve("web.config"), WEB_CONFIG);
    }

    /** The events so far, one "start ID" / "end ID" per line. */
    public static List<String> events(Path events) throws IOException {
        return Files.exists(events) ? Files.readAllLines(events) : List.of();
    }

    /** Waits up to 20 s until the events file holds every expected line (the old domain ends in the background). */
    public static void awaitEvents(Path events, String... expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!events(events).containsAll(List.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(events(events)).contains(expected);
    }
}
