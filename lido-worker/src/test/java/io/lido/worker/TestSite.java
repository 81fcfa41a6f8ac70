package io.lido.worker;

import io.lido.config.ConfigLoader;
import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestHead;
import io.lido.ipc.frame.ConfigCodec;
import io.lido.ipc.link.WorkerEndpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A site on disk for worker tests: conf/applicationHost.config with pool "TestPool" (pingResponseTime
 * 1 s, so hang detection is quick), wwwroot/web.config mapping the lidotest.app handlers, and
 * wwwroot/bin/app.jar packed from the compiled lidotest.app classes (applications load only from bin/).
 */
final class TestSite {
    static final String POOL = "TestPool";
    private static final AtomicLong IDS = new AtomicLong();

    final Path base;
    final Path config;
    final Path wwwroot;

    private TestSite(Path base) {
        this.base = base;
        this.config = base.resolve("conf/applicationHost.config");
        this.wwwroot = base.resolve("wwwroot");
    }

    /** What the host sends this site's worker (CONFIG): the pool's configuration, written from the file on disk. */
    ConfigCodec.WorkerConfiguration configuration() {
        return new ConfigCodec.WorkerConfiguration(config.toString(), ConfigLoader.load(config).workerConfiguration(POOL));
    }

    /** A host endpoint that sends this site's configuration (and no StateServer). */
    WorkerEndpoint listen(Path socket) {
        return WorkerEndpoint.listen(socket, null, null, configuration());
    }

    static TestSite create(Path base) {
        TestSite site = new TestSite(base);
        try {
            Files.createDirectories(site.config.getParent());
            Files.createDirectories(site.wwwroot.resolve("bin"));
            Files.writeString(site.config, """
                    <configuration>
                      <system.applicationHost>
                        <applicationPools>
                          <add name="TestPool" hostingModel="outOfProcess">
                            <processModel pingResponseTime="00:00:01" shutdownTimeLimit="00:00:02" />
                          </add>
                        </applicationPools>
                        <sites>
                          <site name="Test Site" id="1">
                            <application path="/" applicationPool="TestPool">
                              <virtualDirectory path="/" physicalPath="../wwwroot" />
                            </application>
                            <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                          </site>
                        </sites>
                      </system.applicationHost>
                    </configuration>
                    """);
            Files.writeString(site.wwwroot.resolve("web.config"), """
                    <configuration>
                      <system.webServer>
                        <security>
                          <requestFiltering><requestLimits maxAllowedContentLength="4294967295" /></requestFiltering>
                        </security>
                        <handlers>
                          <add name="Echo" path="echo" verb="*" type="lidotest.app.EchoHandler" />
                          <add name="Stream" path="stream" verb="GET" type="lidotest.app.StreamHandler" />
                          <add name="Hang" path="hang" verb="GET,POST" type="lidotest.app.HangHandler" />
                          <add name="Slow" path="slow" verb="GET" type="lidotest.app.SlowHandler" />
                          <add name="ExitLog" path="exitlog" verb="GET" type="lidotest.app.ExitLogHandler" />
                        </handlers>
                      </system.webServer>
                    </configuration>
                    """);
            Files.writeString(site.wwwroot.resolve("hello.txt"), "static hello");
            packApplication(site.wwwroot.resolve("bin/app.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return site;
    }

    private static void packApplication(Path jar) throws IOException {
        Path classes = Path.of("target/test-classes");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("lidotest/app"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Path file : files) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }

    /** A request for the site's root application. */
    static RequestHead request(String method, String path, String query, long contentLength) {
        HeaderList headers = new HeaderList().add("Host", "localhost");
        if (contentLength > 0) {
            headers.add("Content-Length", Long.toString(contentLength));
        }
        String target = query.isEmpty() ? path : path + "?" + query;
        return new RequestHead(IDS.incrementAndGet(), method, target, path, query, 1, headers, "127.0.0.1", 40000,
                "127.0.0.1", 8080, false, 1, "Test Site", "/", contentLength);
    }
}
