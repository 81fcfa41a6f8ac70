package io.lido.runtime.testing;

import io.lido.config.SiteConfig;
import io.lido.config.SourceLocation;
import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.runtime.HttpRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one application in an {@link HttpRuntime} with a {@link MemoryConfig} and sends it requests
 * through the real {@code dispatch}, as the listener does.
 */
public final class RuntimeHarness implements AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();

    public final Path siteRoot;
    public final Path appRoot;
    public final String appPath;
    public final SiteConfig site;
    public final SiteConfig.Application application;
    public final MemoryConfig config;
    public final TestCatalog catalog = new TestCatalog();
    private HttpRuntime runtime;

    /** A site whose root application has its folder under {@code dir}; {@code appPath} "/" or "/app". */
    public RuntimeHarness(Path dir, String appPath) {
        this.appPath = appPath;
        this.siteRoot = mkdirs(dir.resolve("wwwroot"));
        this.appRoot = appPath.equals("/") ? siteRoot : mkdirs(dir.resolve("approot"));
        SourceLocation here = new SourceLocation(Path.of("/test/applicationHost.config"), 1);
        List<SiteConfig.Application> apps = new ArrayList<>();
        SiteConfig.Application rootApp = new SiteConfig.Application("/", "DefaultAppPool", false,
                List.of(new SiteConfig.VirtualDirectory("/", siteRoot, here)), here);
        apps.add(rootApp);
        if (!appPath.equals("/")) {
            apps.add(new SiteConfig.Application(appPath, "DefaultAppPool", false,
                    List.of(new SiteConfig.VirtualDirectory("/", appRoot, here),
                            new SiteConfig.VirtualDirectory("/media", mkdirs(dir.resolve("media")), here)), here));
        }
        this.application = apps.getLast();
        this.site = new SiteConfig("Test Site", 1, true, List.of(new SiteConfig.Binding("http", "*", 0, "", here)),
                List.copyOf(apps), new SiteConfig.Limits(Duration.ofMinutes(2), 1000, 1000), null, here);
        this.config = new MemoryConfig(site);
    }

    /** Compiles application classes into {@code <app root>/bin/app.jar}. */
    public RuntimeHarness jar(Map<String, String> sources) {
        TestJars.compile(sources, appRoot.resolve("bin").resolve("app.jar"));
        return this;
    }

    public MemoryElement handlers() {
        return config.section("system.webServer/handlers");
    }

    public MemoryElement modules() {
        return config.section("system.webServer/modules");
    }

    public MemoryElement httpErrors() {
        return config.section("system.webServer/httpErrors");
    }

    public HttpRuntime start() {
        runtime = new HttpRuntime(config, site, application, catalog);
        runtime.start();
        return runtime;
    }

    /** Starts with a clock and a StateServer connector (null for none). */
    public HttpRuntime start(java.time.Clock clock, io.lido.runtime.session.StateServerConnector stateServer) {
        runtime = new HttpRuntime(config, site, application, catalog, clock, stateServer);
        runtime.start();
        return runtime;
    }

    public HttpRuntime runtime() {
        return runtime;
    }

    public Request request(String method, String target) {
        return new Request(method, target);
    }

    public CapturedResponse get(String target) {
        return request("GET", target).send();
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.shutdown(Duration.ofSeconds(5));
        }
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request under construction; {@link #send()} dispatches it and waits for the response. */
    public final class Request {
        private final String method;
        private final String target;
        private final HeaderList headers = new HeaderList().add("Host", "localhost");
        private byte[] body = new byte[0];
        private String remote = "127.0.0.1";
        private boolean secure;

        private Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        public Request header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** As if the request came over TLS. */
        public Request secure() {
            secure = true;
            return this;
        }

        public Request remote(String address) {
            remote = address;
            return this;
        }

        public Request body(String text, String contentType) {
            body = text.getBytes(StandardCharsets.UTF_8);
            headers.add("Content-Type", contentType).add("Content-Length", Integer.toString(body.length));
            return this;
        }

        public RequestHead head() {
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            String query = q < 0 ? "" : target.substring(q + 1);
            return new RequestHead(IDS.incrementAndGet(), method, target, path, query, 1, headers, remote, 40000,
                    "127.0.0.1", 8080, secure, site.id(), site.name(), appPath, body.length);
        }

        public CapturedResponse dispatch() {
            CapturedResponse response = new CapturedResponse();
            runtime.dispatch(head(), bodyOf(body), response);
            return response;
        }

        public CapturedResponse send() {
            return dispatch().await();
        }
    }

    private static RequestBody bodyOf(byte[] bytes) {
        return new RequestBody() {
            private int position;

            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = Math.min(length, bytes.length - position);
                System.arraycopy(bytes, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
