package io.lido.server.activation;

import io.lido.server.TestApplicationJar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A site for worker process tests: pool "AppPool" serves the root application (handlers /pid, /hang,
 * /crash, /grow?mb=N, /ok), pool "CrashPool" serves /crashy (the same handlers), both outOfProcess with
 * short timers. {@link #poolAttributes} etc. let a test change a pool's settings before writing.
 */
final class WorkerTestSite {
    private static final String HANDLERS = """
            package test.wp;

            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;
            import java.util.ArrayList;
            import java.util.List;

            public final class Handlers {
                private Handlers() { }
                static final List<byte[]> HELD = new ArrayList<>();

                public static class Pid implements HttpHandler {
                    public void processRequest(HttpContext context) {
                        context.response().write(Long.toString(ProcessHandle.current().pid()));
                    }
                }
                public static class Ok implements HttpHandler {
                    public void processRequest(HttpContext context) {
                        context.response().write("ok");
                    }
                }
                public static class Hang implements HttpHandler {
                    public void processRequest(HttpContext context) throws Exception {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                public static class Crash implements HttpHandler {
                    public void processRequest(HttpContext context) {
                        Runtime.getRuntime().halt(3);
                    }
                }
                public static class Grow implements HttpHandler {
                    public void processRequest(HttpContext context) {
                        int mb = Integer.parseInt(context.request().query("mb"));
                        synchronized (HELD) {
                            for (int i = 0; i < mb; i++) {
                                byte[] block = new byte[1 << 20];
                                for (int j = 0; j < block.length; j += 4096) {
                                    block[j] = 1; // touch every page: resident, not just reserved
                                }
                                HELD.add(block);
                            }
                        }
                        context.response().write("holding " + HELD.size() + " MB");
                    }
                }
            }
            """;

    private static final String WEB_CONFIG = """
            <configuration>
              <system.webServer>
                <handlers>
                  <add name="Pid" path="pid" verb="GET" type="test.wp.Handlers$Pid" />
                  <add name="Ok" path="ok" verb="GET" type="test.wp.Handlers$Ok" />
                  <add name="Hang" path="hang" verb="GET,POST" type="test.wp.Handlers$Hang" />
                  <add name="Crash" path="crash" verb="GET,POST" type="test.wp.Handlers$Crash" />
                  <add name="Grow" path="grow" verb="GET" type="test.wp.Handlers$Grow" />
                </handlers>
              </system.webServer>
            </configuration>
            """;

    /** Extra attributes / children of AppPool's add element. */
    String appPoolAttributes = "";
    String appPoolProcessModel = "";
    String appPoolRecycling = "";
    String crashPoolFailure = "rapidFailProtectionInterval=\"00:01:00\" rapidFailProtectionMaxCrashes=\"3\"";

    /** Writes conf/, app/, crashy/ under {@code base}; returns the configuration file. */
    Path write(Path base) throws IOException {
        byte[] jar = TestApplicationJar.builder().source("test.wp.Handlers", HANDLERS).build();
        for (String root : new String[] {"app", "crashy"}) {
            Files.createDirectories(base.resolve(root).resolve("bin"));
            Files.write(base.resolve(root).resolve("bin/handlers.jar"), jar);
            // /crashy inherits the root application's handlers (IIS configuration inheritance): clear them.
            Files.writeString(base.resolve(root).resolve("web.config"),
                    root.equals("app") ? WEB_CONFIG : WEB_CONFIG.replace("<handlers>", "<handlers>\n      <clear />"));
        }
        Path config = base.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="AppPool" hostingModel="outOfProcess" %s>
                        <processModel pingInterval="00:00:01" pingResponseTime="00:00:02" startupTimeLimit="00:00:30"
                                      shutdownTimeLimit="00:00:05" %s />
                        <recycling>%s</recycling>
                      </add>
                      <add name="CrashPool" hostingModel="outOfProcess">
                        <processModel pingInterval="00:00:01" pingResponseTime="00:00:02" shutdownTimeLimit="00:00:05" />
                        <failure %s />
                      </add>
                    </applicationPools>
                    <sites>
                      <site name="Workers" id="1">
                        <application path="/" applicationPool="AppPool">
                          <virtualDirectory path="/" physicalPath="../app" />
                        </application>
                        <application path="/crashy" applicationPool="CrashPool">
                          <virtualDirectory path="/" physicalPath="../crashy" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(appPoolAttributes, appPoolProcessModel, appPoolRecycling, crashPoolFailure));
        return config;
    }
}
