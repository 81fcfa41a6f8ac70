package io.lido.server.operations;

import io.lido.server.TestApplicationJar;
import io.lido.server.activation.HostProcess;
import io.lido.server.recycle.RecycleApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 part 8 through the real distribution: {@code lido list app} shows which domain generation serves
 * and how the last start ended, for in-process applications and for each worker of an out-of-process pool;
 * {@code lido recycle app} says why a new domain failed and which log has the rest; a class missing from
 * bin/ is named; {@code lido list apppool} lists in-process pools with their hosting model; durations in
 * Lido's log are IIS time spans; and a port in use stops start-up before any application code ran.
 */
class OperatorViewIT {
    private static final Duration LONG = Duration.ofSeconds(40);
    /** What java.time.Duration.toString() writes ("PT2S"), which an IIS operator does not read. */
    private static final Pattern ISO_DURATION = Pattern.compile("\\bPT\\d+(\\.\\d+)?[HMS]");

    @TempDir
    Path dir;

    /** A Global class whose onStart needs test.lib.Helper, which its jar leaves out. */
    private static byte[] brokenJar() {
        return TestApplicationJar.builder()
                .source("test.lib.Helper", "package test.lib; public class Helper { public static String hi() {"
                        + " return \"hi\"; } }")
                .source("test.broken.Global", """
                        package test.broken;
                        public class Global extends io.lido.api.HttpApplication {
                            @Override public void onStart() {
                                application().set("greeting", test.lib.Helper.hi());
                            }
                        }
                        """)
                .without("test.lib.Helper")
                .build();
    }

    private Path site(String binding, String workersStartMode) throws Exception {
        for (String folder : List.of("root", "local", "app", "broken", "idle")) {
            Files.createDirectories(dir.resolve(folder));
        }
        RecycleApp.write(dir.resolve("app"), dir.resolve("app-events.txt"));
        RecycleApp.write(dir.resolve("local"), dir.resolve("local-events.txt"));
        Files.createDirectories(dir.resolve("broken/bin"));
        Files.write(dir.resolve("broken/bin/broken.jar"), brokenJar());
        Files.writeString(dir.resolve("broken/web.config"), "<configuration><system.web>"
                + "<httpApplication type=\"test.broken.Global\" /></system.web></configuration>");
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="Workers" hostingModel="outOfProcess" startMode="%s">
                        <processModel pingInterval="00:00:01" pingResponseTime="00:00:05" startupTimeLimit="00:00:30"
                                      shutdownTimeLimit="00:00:05" />
                      </add>
                      <add name="InHost" hostingModel="inProcess" />
                      <add name="Idle" hostingModel="outOfProcess">
                        <processModel idleTimeout="00:00:02" startupTimeLimit="00:00:30" shutdownTimeLimit="00:00:05" />
                      </add>
                    </applicationPools>
                    <sites>
                      <site name="Ops" id="1">
                        <application path="/" applicationPool="InHost">
                          <virtualDirectory path="/" physicalPath="../root" />
                        </application>
                        <application path="/local" applicationPool="InHost">
                          <virtualDirectory path="/" physicalPath="../local" />
                        </application>
                        <application path="/app" applicationPool="Workers">
                          <virtualDirectory path="/" physicalPath="../app" />
                        </application>
                        <application path="/broken" applicationPool="Workers">
                          <virtualDirectory path="/" physicalPath="../broken" />
                        </application>
                        <application path="/idle" applicationPool="Idle">
                          <virtualDirectory path="/" physicalPath="../idle" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="%s" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(workersStartMode, binding));
        return config;
    }

    @Test
    void anOperatorSeesEachDomainWhyARecycleFailedAndWhereToLook() throws Exception {
        Path config = site("127.0.0.1:0:", "OnDemand");
        try (HostProcess host = HostProcess.start(config, Map.of())) {
            HostProcess.CliResult pools = host.cli("list", "apppool");
            assertThat(pools.status()).as(pools.output()).isZero();
            assertThat(pools.output()).contains("APPPOOL \"Workers\" (state:Started, hostingModel:outOfProcess)")
                    .contains("APPPOOL \"InHost\" (state:Started, hostingModel:inProcess)");

            String[] first = host.get("/app/domain", LONG).body().split(" ");
            String pid = first[1];
            HttpResponse<String> broken = host.get("/broken/anything", LONG);
            assertThat(broken.statusCode()).isEqualTo(503);
            assertThat(broken.body()).as("the local 503 names the missing class")
                    .contains("class test.broken.Global needs test.lib.Helper, which is missing from bin/");

            HostProcess.CliResult list = host.cli("list", "app");
            assertThat(list.status()).as(list.output()).isZero();
            assertThat(list.output())
                    .contains("APP \"Ops/\" (applicationPool:InHost, state:Serving, domain:1, lastStart:domain 1"
                            + " (start) started ")
                    .contains("APP \"Ops/local\" (applicationPool:InHost, state:Serving, domain:1, lastStart:domain 1"
                            + " (start) started ")
                    .contains("APP \"Ops/app\" (applicationPool:Workers, worker:" + pid + ", state:Serving, domain:1,"
                            + " lastStart:domain 1 (start) started ")
                    .contains("APP \"Ops/broken\" (applicationPool:Workers, worker:" + pid + ", state:Failed,"
                            + " domain:none, lastStart:domain 1 (start) failed ")
                    .contains("class test.broken.Global needs test.lib.Helper, which is missing from bin/")
                    .contains("APP \"Ops/idle\" (applicationPool:Idle, state:NoWorker)");

            Files.writeString(Path.of(dir.resolve("app-events.txt") + ".fail"), "");
            HostProcess.CliResult recycle = host.cli("recycle", "app", "Ops/app");
            assertThat(recycle.status()).as(recycle.output()).isEqualTo(1);
            assertThat(recycle.output()).contains("recycling \"Ops/app\" failed in application pool 'Workers'")
                    .contains("worker pid " + pid + ": failed (the new domain of application /app of site 1 failed to"
                            + " start: ")
                    .contains("recycle test: refusing to start (java.lang.IllegalStateException at"
                            + " test.recycle.Global.onStart(Global.java:")
                    .contains("; domain 1 keeps serving)");
            Matcher log = Pattern.compile("\n  log: (\\S+) \\(the worker's lines start with \\[" + pid + "]\\)")
                    .matcher(recycle.output());
            assertThat(log.find()).as(recycle.output()).isTrue();
            Path workerLog = Path.of(log.group(1));
            assertThat(workerLog).exists();
            assertThat(Files.isSameFile(workerLog, dir.resolve("logs/AppPools/Workers/Workers.log")))
                    .as("the pool's log: " + workerLog).isTrue();
            Pattern trace = Pattern.compile("(?m)^\\[" + pid + "] .*recycle test: refusing to start");
            HostProcess.awaitTrue(() -> trace.matcher(read(workerLog)).find(), LONG,
                    "the stack trace in " + workerLog);
            assertThat(host.get("/app/domain").body()).as("the old domain keeps serving")
                    .isEqualTo(String.join(" ", first));

            HostProcess.CliResult after = host.cli("list", "app");
            assertThat(after.output()).contains("APP \"Ops/app\" (applicationPool:Workers, worker:" + pid
                    + ", state:Serving, domain:1, lastStart:domain 2 (manual) failed ");

            // A worker shut down for inactivity: the log gives the setting as the configuration spells it.
            host.get("/idle/", LONG);
            host.awaitLine(Pattern.compile("Application Pool timeout configuration was set to 00:00:02\\."), LONG);
            assertThat(ISO_DURATION.matcher(host.output()).find()).as(host.output()).isFalse();
        }
    }

    @Test
    void aPortInUseStopsStartUpBeforeAnyApplicationCodeRuns() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = site("127.0.0.1:" + taken.getLocalPort() + ":", "AlwaysRunning");
            ProcessBuilder builder = new ProcessBuilder(HostProcess.dist().resolve("bin/lido").toString(), "run",
                    "--config", config.toString()).redirectErrorStream(true);
            builder.environment().put("LIDO_AOT", "0");
            builder.environment().put("LIDO_AOT_PRETRAIN", "0");
            Process lido = builder.start();
            String output = new String(lido.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(lido.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(lido.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("could not start: cannot listen on")
                    .contains(String.valueOf(taken.getLocalPort())).contains("Ops");
            assertThat(dir.resolve("local-events.txt")).as("the in-process application's onStart never ran\n" + output)
                    .doesNotExist();
            assertThat(dir.resolve("app-events.txt")).as("no worker ran the out-of-process application\n" + output)
                    .doesNotExist();
            assertThat(output).doesNotContain("starting worker process");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
