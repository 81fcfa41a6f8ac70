package io.lido.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application cache and application state through real requests: an application handler uses
 * {@code context.cache()} and {@code context.application()}, and web.config bounds the cache.
 */
class ApplicationCacheSocketTest {

    /**
     * /cache?op=put|get|count|removals and /state?op=add|count|clear. Removal callbacks append
     * "key:REASON" to the application state entry "removals".
     */
    private static final String HANDLER = """
            package test.app;

            import io.lido.api.CacheEntryOptions;
            import io.lido.api.HttpApplicationState;
            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;

            public final class CacheHandler implements HttpHandler {
                @Override
                public void processRequest(HttpContext context) throws Exception {
                    var request = context.request();
                    var cache = context.cache();
                    var state = context.application();
                    String key = request.query("key");
                    String answer = switch (request.query("op")) {
                        case "put" -> {
                            var options = CacheEntryOptions.builder().onRemoved((k, v, reason) ->
                                    state.compute("removals", old -> (old == null ? "" : old + ",") + k + ":" + reason));
                            String file = request.query("file");
                            if (file != null) {
                                options.fileDependencies(context.server().mapPath(file));
                            }
                            cache.insert(key, request.query("value"), options.build());
                            yield "stored";
                        }
                        case "get" -> String.valueOf(cache.get(key));
                        case "count" -> cache.count() + " of " + cache.maxEntries();
                        case "removals" -> String.valueOf(state.get("removals"));
                        case "add" -> String.valueOf(state.add(key, request.query("value")));
                        case "state-count" -> String.valueOf(state.count());
                        case "clear" -> {
                            state.clear();
                            yield "cleared";
                        }
                        default -> throw new IllegalArgumentException("unknown op");
                    };
                    context.response().contentType("text/plain");
                    context.response().write(answer);
                }
            }
            """;

    private static final String WEB_CONFIG = """
            <configuration>
              <system.web>
                <caching>
                  <cache maxEntries="3" />
                </caching>
              </system.web>
              <system.webServer>
                <handlers>
                  <add name="Cache" path="cache" verb="GET" type="test.app.CacheHandler" />
                </handlers>
              </system.webServer>
            </configuration>
            """;

    private static byte[] jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() {
        jar = TestApplicationJar.builder().source("test.app.CacheHandler", HANDLER).build();
    }

    private LidoTestServer start() {
        return LidoTestServer.in(dir).file("wwwroot/bin/cache.jar", jar).webConfig(WEB_CONFIG)
                .webFile("data/prices.txt", "1.00").start();
    }

    @Test
    void entriesOverTheConfiguredBoundAreEvictedLeastRecentlyUsedFirst() throws Exception {
        try (LidoTestServer lido = start()) {
            for (String key : new String[] {"a", "b", "c"}) {
                assertThat(lido.get("/cache?op=put&key=" + key + "&value=v" + key).body()).isEqualTo("stored");
                Thread.sleep(5);
            }
            assertThat(lido.get("/cache?op=get&key=a").body()).isEqualTo("va");
            Thread.sleep(5);
            lido.get("/cache?op=put&key=d&value=vd");
            assertThat(lido.get("/cache?op=count").body()).isEqualTo("3 of 3");
            assertThat(lido.get("/cache?op=get&key=b").body()).isEqualTo("null");
            assertThat(lido.get("/cache?op=removals").body()).isEqualTo("b:UNDERUSED");
        }
    }

    @Test
    void changingADependencyFileRemovesTheEntryWithoutARequestForIt() throws Exception {
        try (LidoTestServer lido = start()) {
            lido.get("/cache?op=put&key=prices&value=parsed&file=/data/prices.txt");
            assertThat(lido.get("/cache?op=get&key=prices").body()).isEqualTo("parsed");
            Path file = lido.wwwroot().resolve("data/prices.txt");
            Files.writeString(file, "2.00");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            String removals = "null";
            for (int i = 0; i < 100 && removals.equals("null"); i++) {
                Thread.sleep(50);
                removals = lido.get("/cache?op=removals").body();
            }
            assertThat(removals).isEqualTo("prices:DEPENDENCY_CHANGED");
            assertThat(lido.get("/cache?op=count").body()).isEqualTo("0 of 3");
        }
    }

    @Test
    void applicationStateAddKeepsTheFirstValueAndClearEmptiesIt() {
        try (LidoTestServer lido = start()) {
            assertThat(lido.get("/cache?op=add&key=x&value=1").body()).isEqualTo("true");
            assertThat(lido.get("/cache?op=add&key=x&value=2").body()).isEqualTo("false");
            assertThat(lido.get("/cache?op=add&key=y&value=3").body()).isEqualTo("true");
            assertThat(lido.get("/cache?op=state-count").body()).isEqualTo("2");
            assertThat(lido.get("/cache?op=clear").body()).isEqualTo("cleared");
            assertThat(lido.get("/cache?op=state-count").body()).isEqualTo("0");
        }
    }
}
