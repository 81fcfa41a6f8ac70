package io.lido.server.activation;

import io.lido.server.TestApplicationJar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A site for worker process tests: pool "AppPool" serves the root application (handlers /pid, /hang,
 * /crash, /grow?mb=N, /ok, /exit, /segv, /spin, /slow?ms=N&amp;mark=FILE, /oom, POST /upload answering "read N"), pool "CrashPool" serves /crashy (the same handlers), both outOfProcess with
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
                public static class Upload implements HttpHandler {
                    public void processRequest(HttpContext context) throws Exception {
                        context.response().write("read " + context.request().body().readAllBytes().length);
                    }
                }
                public static class Crash implements HttpHandler {
                    public void processRequest(HttpContext context) {
                        Runtime.getRuntime().halt(3);
                    }
                }
                /** Exits the JVM from the request's thread (System.exit, which the JDK logs with its caller). */
                public static class Exit implements HttpHandler {
                    public void processRequest(HttpContext context) {
                        System.exit(3);
                    }
                }
                /** A native crash in the request's thread: a write to address 0 (SIGSEGV, then the JVM aborts). */
                public static class Segv implements HttpHandler {
                    public void processRequest(HttpContext context) throws Exception {
                        java.lang.reflect.Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                        field.setAccessible(true);
                        ((sun.misc.Unsafe) field.get(null)).putAddress(0, 0);
                    }
                }
                /** Computes for ever on its carrier, the worker's event loop: no PONG can go out. */
                public static class Spin implements HttpHandler {
                    public void processRequest(HttpContext context) {
                        long n = 0;
                        while (n >= 0) {
                            n++;
                        }
                    }
                }
                /** Creates the file ?mark= (so a test knows it runs), sleeps ?ms=, answers its pid. */
                public static class Slow implements HttpHandler {
                    public void processRequest(HttpContext context) throws Exception {
                        java.nio.file.Files.createFile(java.nio.file.Path.of(context.request().query("mark")));
                        Thread.sleep(Long.parseLong(context.request().query("ms")));
                        context.response().write(Long.toString(ProcessHandle.current().pid()));
                    }
                }
                /** Allocates until the heap is full (the blocks are its own: they are garbage once it fails). */
                public static class Oom implements HttpHandler {
                    public void processRequest(HttpContext context) {
                        List<byte[]> blocks = new ArrayList<>();
                        while (true) {
                            blocks.add(new byte[1 << 20]);
                        }
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
                  <add name="Upload" path="upload" verb="POST" type="test.wp.Handlers$Upload" />
                  <add name="Hang" path="hang" verb="GET,POST" type="test.wp.Handlers$Hang" />
                  <add name="Crash" path="crash" verb="GET,POST" type="test.wp.Handlers$Crash" />
                  <add name="Grow" path="grow" verb="GET" type="test.wp.Handlers$Grow" />
                  <add name="Exit" path="exit" verb="GET" type="test.wp.Handlers$Exit" />
                  <add name="Segv" path="segv" verb="GET" type="test.wp.Handlers$Segv" />
                  <add name="Spin" path="spin" verb="GET" type="test.wp.Handlers$Spin" />
                  <add name="Slow" path="slow" verb="GET" type="test.wp.Handlers$Slow" />
                  <add name="Oom" path="oom" verb="GET" type="test.wp.Handlers$Oom" />
                </handlers>
              </system.webServer>
            </configuration>
            """;

    /** Extra attributes / children of AppPool's add element. */
    String appPoolAttributes = "";
    String appPoolProcessModel = "";
    /** AppPool's ping timers. */
    String appPoolPing = "pingInterval=\"00:00:01\" pingResponseTime=\"00:00:02\"";
    String appPoolRecycling = "";
    /** More elements of the site (e.g. {@code <limits>}) and of system.applicationHost (e.g. {@code <webLimits>}). */
    String siteExtra = "";
    String hostExtra = "";
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
                        <processModel %s startupTimeLimit="00:00:30"
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
                        %s
                      </site>
                    </sites>
                    %s
                  </system.applicationHost>
                </configuration>
                """.formatted(appPoolAttributes, appPoolPing, appPoolProcessModel, appPoolRecycling, crashPoolFailure,
                siteExtra, hostExtra));
        return config;
    }
}
