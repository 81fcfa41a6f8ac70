package io.lido.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A real Lido for socket-level tests: writes an applicationHost.config, a wwwroot and any files into a
 * folder, starts {@link LidoServer} in this JVM on an ephemeral port of 127.0.0.1, and stops it on
 * {@link #close()}.
 *
 * <pre>{@code
 * @TempDir Path dir;
 *
 * try (LidoTestServer lido = LidoTestServer.in(dir)
 *         .sampleApplication()                          // wwwroot/bin/hello.jar + the distribution's web.config
 *         .webFile("hello.txt", "static text")           // wwwroot/hello.txt
 *         .file("secret.txt", "canary")                  // beside wwwroot, outside the site
 *         .start()) {
 *     HttpResponse<String> response = lido.get("/hello");
 *     String raw = lido.raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");   // bytes as sent, response as received
 * }
 * }</pre>
 *
 * <p>The folder layout is the distribution's: {@code conf/applicationHost.config},
 * {@code wwwroot/} (the root application of "Default Web Site", id 1, pool "DefaultAppPool" in-process),
 * {@code logs/} (W3C logs in {@code logs/W3SVC1/}, listener errors in {@code logs/HTTPERR/}).
 * {@link Builder#addSite} puts other sites in place of the default one, {@link Builder#serverWebServer}
 * adds server-level {@code system.webServer} settings, and {@link Builder#serverConfig} replaces the
 * whole applicationHost.config when a test needs other applications or pools.
 */
public final class LidoTestServer implements AutoCloseable {
    /** The site of the default configuration. */
    public static final String SITE = "Default Web Site";

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

    private final Path base;
    private final LidoServer server;
    private final String siteName;
    private final HttpClient client;

    private LidoTestServer(Path base, LidoServer server, String siteName) {
        this.base = base;
        this.server = server;
        this.siteName = siteName;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(IO_TIMEOUT).build();
    }

    /** Starts describing a server whose files live in {@code base} (typically a JUnit {@code @TempDir}). */
    public static Builder in(Path base) {
        return new Builder(base);
    }

    /** The sample application's jar (samples/hello), as the build copied it for the tests. */
    public static Path sampleJar() {
        String dir = System.getProperty("lido.test.apps", "target/test-apps");
        Path jar = Path.of(dir, "hello.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the sample jar " + jar.toAbsolutePath()
                    + " is missing: run the tests through Maven (generate-test-resources copies it)");
        }
        return jar;
    }

    /** The distribution sources (src/dist of lido-server), relative to the module folder tests run in. */
    public static Path distSources() {
        return Path.of("src", "dist").toAbsolutePath();
    }

    /** The folder holding conf/, wwwroot/ and logs/. */
    public Path base() {
        return base;
    }

    public Path wwwroot() {
        return base.resolve("wwwroot");
    }

    public Path logs() {
        return base.resolve("logs");
    }

    public Path configFile() {
        return base.resolve("conf").resolve("applicationHost.config");
    }

    /** The running server. */
    public LidoServer server() {
        return server;
    }

    /** The port of the test site's first binding. */
    public int port() {
        return server.port(siteName);
    }

    /** The port of another site's first binding. */
    public int port(String site) {
        return server.port(site);
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** {@code http://127.0.0.1:<port of the site><pathAndQuery>}. */
    public URI uri(String site, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port(site) + pathAndQuery);
    }

    /** A GET with the JDK client (HTTP/1.1, no redirects followed). */
    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(IO_TIMEOUT).GET().build());
    }

    /** A GET to another site's first binding. */
    public HttpResponse<String> get(String site, String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(site, pathAndQuery)).timeout(IO_TIMEOUT).GET().build());
    }

    /** Sends any request with the JDK client; the body is read as UTF-8 text. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("request " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A new socket connected to the test site's port (read timeout 10 s). */
    public Socket connect() {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port()), (int) IO_TIMEOUT.toMillis());
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port(), e);
        }
    }

    /**
     * Sends {@code request} exactly as given (ISO-8859-1 bytes) on a new connection and returns
     * everything received until the server closes the connection or nothing arrives for
     * {@code quietTime} — so a kept-alive connection returns after the quiet time.
     */
    public String raw(String request, Duration quietTime) {
        try (Socket socket = connect()) {
            socket.setSoTimeout((int) quietTime.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readUntilClosedOrQuiet(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("raw exchange with 127.0.0.1:" + port() + " failed", e);
        }
    }

    /** {@link #raw(String, Duration)} with one second of quiet time. */
    public String raw(String request) {
        return raw(request, Duration.ofSeconds(1));
    }

    /** Reads as ISO-8859-1 text until EOF or a read timeout (what arrived so far is returned). */
    public static String readUntilClosedOrQuiet(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // Nothing more within the quiet time: the server kept the connection open, which is allowed.
        } catch (java.net.SocketException reset) {
            // A reset after the response (the server closed with unread input) ends the exchange too.
            if (received.size() == 0) {
                throw reset;
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** Stops the server, letting requests in flight finish for up to {@code drainTimeout}. */
    public void stop(Duration drainTimeout) {
        server.stop(drainTimeout);
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
    }

    /** Describes the files of a test server; {@link #start()} writes them and starts it. */
    public static final class Builder {
        private final Path base;
        private final List<Runnable> writes = new ArrayList<>();
        private String serverConfig;
        private String serverWebServer = "";
        private final List<String> sites = new ArrayList<>();
        private String siteName;

        private Builder(Path base) {
            this.base = Objects.requireNonNull(base).toAbsolutePath();
        }

        /**
         * Replaces the whole applicationHost.config (written to conf/, so "../wwwroot" and "../logs" are
         * the usual folders). Use binding "127.0.0.1:0:" for an ephemeral port.
         */
        public Builder serverConfig(String applicationHostConfig) {
            this.serverConfig = applicationHostConfig;
            return this;
        }

        /** Server-level {@code <system.webServer>} content for the default applicationHost.config. */
        public Builder serverWebServer(String systemWebServerContent) {
            this.serverWebServer = systemWebServerContent;
            return this;
        }

        /**
         * The site whose port {@link LidoTestServer#port()} reports (default: the first site added, else
         * "Default Web Site").
         */
        public Builder site(String name) {
            this.siteName = name;
            return this;
        }

        /**
         * Adds a site to the default applicationHost.config instead of "Default Web Site": its root
         * application in pool DefaultAppPool serves wwwroot/, its logs go to logs/W3SVC{@code id}/.
         *
         * @param bindingInformation "IP:port:host", e.g. "127.0.0.1:0:www.example.test"
         */
        public Builder addSite(String name, long id, String bindingInformation) {
            return addSite(name, id, bindingInformation, "../wwwroot");
        }

        /** As {@link #addSite(String, long, String)} with another root folder (relative to conf/). */
        public Builder addSite(String name, long id, String bindingInformation, String physicalPath) {
            sites.add(siteXml(name, id, bindingInformation, physicalPath));
            if (siteName == null) {
                siteName = name;
            }
            return this;
        }

        /** The root application's web.config. */
        public Builder webConfig(String xml) {
            return webFile("web.config", xml);
        }

        /** A text file under wwwroot/ (folders are created). */
        public Builder webFile(String relativePath, String content) {
            return file("wwwroot/" + relativePath, content);
        }

        /** A text file under the base folder (folders are created), e.g. a canary outside wwwroot. */
        public Builder file(String relativePath, String content) {
            return file(relativePath, content.getBytes(StandardCharsets.UTF_8));
        }

        /** A binary file under the base folder (folders are created). */
        public Builder file(String relativePath, byte[] content) {
            writes.add(() -> write(base.resolve(relativePath), content));
            return this;
        }

        /** Copies a file (e.g. an application jar) to a path under the base folder. */
        public Builder copy(Path source, String relativePath) {
            writes.add(() -> {
                try {
                    write(base.resolve(relativePath), Files.readAllBytes(source));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + source, e);
                }
            });
            return this;
        }

        /**
         * Deploys the sample application as the default site does: wwwroot/bin/hello.jar and the
         * distribution's wwwroot/web.config (Global class, RequestCounter module, /hello handler).
         * A later {@link #webConfig} replaces that web.config.
         */
        public Builder sampleApplication() {
            copy(sampleJar(), "wwwroot/bin/hello.jar");
            return copy(distSources().resolve("wwwroot/web.config"), "wwwroot/web.config");
        }

        /** Writes the files and starts the server. */
        public LidoTestServer start() {
            write(base.resolve("conf/applicationHost.config"),
                    (serverConfig != null ? serverConfig : defaultServerConfig()).getBytes(StandardCharsets.UTF_8));
            try {
                Files.createDirectories(base.resolve("wwwroot"));
                Files.createDirectories(base.resolve("logs"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            writes.forEach(Runnable::run);
            return new LidoTestServer(base, LidoServer.start(base.resolve("conf/applicationHost.config")),
                    siteName == null ? SITE : siteName);
        }

        private String defaultServerConfig() {
            String siteElements = sites.isEmpty()
                    ? siteXml(SITE, 1, "127.0.0.1:0:", "../wwwroot")
                    : String.join("", sites);
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <configuration>
                      <system.applicationHost>
                        <applicationPools>
                          <add name="DefaultAppPool" hostingModel="inProcess" />
                        </applicationPools>
                        <sites>
                    %s    </sites>
                      </system.applicationHost>
                      <system.webServer>
                    %s
                      </system.webServer>
                    </configuration>
                    """.formatted(siteElements, serverWebServer);
        }

        private static String siteXml(String name, long id, String bindingInformation, String physicalPath) {
            return """
                          <site name="%s" id="%d">
                            <application path="/" applicationPool="DefaultAppPool">
                              <virtualDirectory path="/" physicalPath="%s" />
                            </application>
                            <bindings>
                              <binding protocol="http" bindingInformation="%s" />
                            </bindings>
                            <logFile directory="../logs" />
                          </site>
                    """.formatted(name, id, physicalPath, bindingInformation);
        }

        private static void write(Path file, byte[] content) {
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }
}
