package io.lido.server.operations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lido.server.TestApplicationJar;
import io.lido.server.activation.HostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 part 3 through the real distribution: {@code lido list request} shows the requests executing now in an
 * in-process pool (the host's own pid) and in an out-of-process pool's worker, with site, pool, URL, verb, client,
 * elapsed time, pid, and the pipeline stage and module each is in (one waits in its handler, one in a module's
 * AuthorizeRequest subscriber); {@code /elapsed:MS} and {@code --elapsed} filter; {@code --json} is JSON a parser
 * reads, {@code /xml} is appcmd's XML; the other list verbs have the same outputs.
 */
class CurrentRequestsIT {
    private static final Duration LONG = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    /** A handler and a module that each wait (at most a minute) until the release file exists. */
    private byte[] slowJar(Path release) {
        String wait = """
                static void await() throws Exception {
                    java.nio.file.Path release = java.nio.file.Path.of("%s");
                    long end = System.nanoTime() + 60_000_000_000L;
                    while (!java.nio.file.Files.exists(release) && System.nanoTime() < end) {
                        Thread.sleep(20);
                    }
                }
                """.formatted(release);
        return TestApplicationJar.builder()
                .source("test.slow.SlowHandler", """
                        package test.slow;
                        public class SlowHandler implements io.lido.api.HttpHandler {
                            %s
                            @Override public void processRequest(io.lido.api.HttpContext context) throws Exception {
                                await();
                                context.response().write("done");
                            }
                        }
                        """.formatted(wait))
                .source("test.slow.StallModule", """
                        package test.slow;
                        public class StallModule implements io.lido.api.HttpModule {
                            @Override public void init(io.lido.api.HttpApplication application) {
                                application.on(io.lido.api.PipelineEvent.AUTHORIZE_REQUEST, context -> {
                                    if (context.request().queryString().contains("stall")) {
                                        SlowHandler.await();
                                    }
                                });
                            }
                        }
                        """)
                .build();
    }

    private Path site() throws Exception {
        Path release = dir.resolve("release");
        for (String app : List.of("in", "out")) {
            Path root = dir.resolve(app);
            Files.createDirectories(root.resolve("bin"));
            Files.write(root.resolve("bin/slow.jar"), slowJar(release));
            Files.writeString(root.resolve("web.config"), """
                    <configuration>
                      <system.webServer>
                        <modules><add name="Stall" type="test.slow.StallModule" /></modules>
                        <handlers><add name="Slow" path="slow" verb="*" type="test.slow.SlowHandler" /></handlers>
                      </system.webServer>
                    </configuration>
                    """);
        }
        Files.createDirectories(dir.resolve("root"));
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="InHost" hostingModel="inProcess" />
                      <add name="Workers" hostingModel="outOfProcess">
                        <processModel startupTimeLimit="00:00:30" shutdownTimeLimit="00:00:05" />
                      </add>
                    </applicationPools>
                    <sites>
                      <site name="Ops" id="3">
                        <application path="/" applicationPool="InHost">
                          <virtualDirectory path="/" physicalPath="../root" />
                        </application>
                        <application path="/in" applicationPool="InHost">
                          <virtualDirectory path="/" physicalPath="../in" />
                        </application>
                        <application path="/out" applicationPool="Workers">
                          <virtualDirectory path="/" physicalPath="../out" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """);
        return config;
    }

    @Test
    void anOperatorSeesEachExecutingRequestWithItsStageAndModule() throws Exception {
        try (HostProcess host = HostProcess.start(site(), Map.of())) {
            CompletableFuture<HttpResponse<String>> inHandler = send(host, "/in/slow?q=1");
            CompletableFuture<HttpResponse<String>> inModule = send(host, "/out/slow?stall=1");

            Pattern inProcess = Pattern.compile("REQUEST \"[0-9a-f]+\" \\(site:Ops, applicationPool:InHost,"
                    + " url:/in/slow\\?q=1, verb:GET, time:\\d+ msec, client:127\\.0\\.0\\.1, wp:" + host.pid()
                    + ", stage:ExecuteRequestHandler, module:test\\.slow\\.SlowHandler\\)");
            Pattern outOfProcess = Pattern.compile("REQUEST \"[0-9a-f]+\" \\(site:Ops, applicationPool:Workers,"
                    + " url:/out/slow\\?stall=1, verb:GET, time:\\d+ msec, client:127\\.0\\.0\\.1, wp:(\\d+),"
                    + " stage:AuthorizeRequest, module:Stall\\)");
            // appcmd's spelling of the filter: both have run for a second.
            String[] listed = new String[1];
            HostProcess.awaitTrue(() -> {
                listed[0] = cli(host, "list", "request", "/elapsed:1000").output();
                return inProcess.matcher(listed[0]).find() && outOfProcess.matcher(listed[0]).find();
            }, LONG, "both requests in lido list request");
            var worker = outOfProcess.matcher(listed[0]);
            assertThat(worker.find()).isTrue();
            long workerPid = Long.parseLong(worker.group(1));
            assertThat(workerPid).isNotEqualTo(host.pid());
            assertThat(host.workers()).as("the pid is the pool's worker process").extracting(ProcessHandle::pid)
                    .contains(workerPid);

            HostProcess.CliResult none = host.cli("list", "request", "--elapsed", "3600000");
            assertThat(none.status()).as(none.output()).isZero();
            assertThat(none.output()).doesNotContain("REQUEST");

            HostProcess.CliResult json = host.cli("list", "requests", "--json");
            assertThat(json.status()).as(json.output()).isZero();
            List<Map<String, String>> objects = parse(json.output());
            assertThat(objects).filteredOn(o -> "REQUEST".equals(o.get("type"))).hasSize(2)
                    .anySatisfy(o -> assertThat(o).containsEntry("url", "/out/slow?stall=1")
                            .containsEntry("wp", Long.toString(workerPid)).containsEntry("stage", "AuthorizeRequest")
                            .containsEntry("module", "Stall").containsEntry("applicationPool", "Workers"))
                    .anySatisfy(o -> assertThat(o).containsEntry("url", "/in/slow?q=1")
                            .containsEntry("wp", Long.toString(host.pid())).containsEntry("verb", "GET")
                            .containsEntry("stage", "ExecuteRequestHandler"));

            HostProcess.CliResult xml = host.cli("list", "request", "/xml");
            assertThat(xml.output()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<appcmd>\n")
                    .containsPattern("<REQUEST REQUEST\\.NAME=\"[0-9a-f]+\" site=\"Ops\" applicationPool=\"Workers\""
                            + " url=\"/out/slow\\?stall=1\" verb=\"GET\"")
                    .endsWith("</appcmd>\n");

            assertThat(parse(host.cli("list", "wp", "--json").output()))
                    .anySatisfy(o -> assertThat(o).containsEntry("type", "WP").containsEntry("name",
                            Long.toString(workerPid)).containsEntry("applicationPool", "Workers")
                            .containsEntry("inFlight", "1"));
            assertThat(host.cli("list", "apppool", "--xml").output())
                    .contains("<APPPOOL APPPOOL.NAME=\"InHost\" state=\"Started\" hostingModel=\"inProcess\" />");
            assertThat(parse(host.cli("list", "app", "--json").output()))
                    .anySatisfy(o -> assertThat(o).containsEntry("name", "Ops/out").containsEntry("state", "Serving"));
            HostProcess.CliResult misuse = host.cli("list", "app", "/elapsed:5");
            assertThat(misuse.status()).isEqualTo(2);
            assertThat(misuse.output()).contains("filters only lido list request");

            Files.writeString(dir.resolve("release"), "");
            assertThat(inHandler.get(LONG.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("done");
            assertThat(inModule.get(LONG.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("done");
            HostProcess.awaitTrue(() -> !cli(host, "list", "request").output().contains("REQUEST"), LONG,
                    "no request left executing");
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(HostProcess host, String path) {
        return host.client().sendAsync(HttpRequest.newBuilder(host.uri(path)).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HostProcess.CliResult cli(HostProcess host, String... args) {
        try {
            return host.cli(args);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The array of flat objects {@code --json} writes, every value as text. */
    private static List<Map<String, String>> parse(String json) throws Exception {
        List<Map<String, String>> objects = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> object = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    object.put(field, parser.getValueAsString());
                }
                objects.add(object);
            }
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_ARRAY);
            assertThat(parser.nextToken()).as("nothing after the array").isNull();
        }
        return objects;
    }
}
