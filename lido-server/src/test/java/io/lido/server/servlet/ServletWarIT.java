package io.lido.server.servlet;

import io.lido.server.activation.HostProcess;
import io.lido.server.it.ResponseReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 parts 1, 2, 4, 5 and 7 through the distribution: the test web application (see {@link TestWar}) as an
 * unpacked folder and as a .war file, each in an outOfProcess pool ({@code /war}, {@code /packed}) and an inProcess
 * pool ({@code /iwar}, {@code /ipacked}), on Jetty's ee11 servlet layer fed from Lido's exchange.
 */
class ServletWarIT {
    private static final Duration LONG = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    private static HostProcess host;
    private static Path servletApi;

    @BeforeAll
    static void startHost() throws Exception {
        servletApi = Files.list(HostProcess.dist().resolve("lib"))
                .filter(p -> p.getFileName().toString().startsWith("jakarta.servlet-api-")).findFirst().orElseThrow();
        Files.createDirectories(dir.resolve("root"));
        for (String folder : new String[] {"war", "iwar"}) {
            TestWar.writeFolder(dir.resolve(folder), servletApi, dir.resolve("build-" + folder), 1);
        }
        Files.createDirectories(dir.resolve("wars"));
        byte[] war = TestWar.war(servletApi, dir.resolve("build-packed"), 1);
        Files.write(dir.resolve("wars/packed.war"), war);
        Files.write(dir.resolve("wars/ipacked.war"), war);
        TestWar.writeSecured(dir.resolve("secured"));
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="Workers" hostingModel="outOfProcess">
                        <processModel pingInterval="00:00:01" pingResponseTime="00:00:05" startupTimeLimit="00:00:40"
                                      shutdownTimeLimit="00:00:05" />
                      </add>
                      <add name="InHost" hostingModel="inProcess" />
                    </applicationPools>
                    <webLimits uploadReadAheadSize="0" />
                    <sites>
                      <site name="Wars" id="1">
                        <application path="/" applicationPool="InHost"><virtualDirectory path="/" physicalPath="../root" /></application>
                        <application path="/war" applicationPool="Workers"><virtualDirectory path="/" physicalPath="../war" /></application>
                        <application path="/iwar" applicationPool="InHost"><virtualDirectory path="/" physicalPath="../iwar" /></application>
                        <application path="/packed" applicationPool="Workers"><virtualDirectory path="/" physicalPath="../wars/packed.war" /></application>
                        <application path="/ipacked" applicationPool="InHost"><virtualDirectory path="/" physicalPath="../wars/ipacked.war" /></application>
                        <application path="/secured" applicationPool="Workers"><virtualDirectory path="/" physicalPath="../secured" /></application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                  <system.webServer>
                    <security><authentication>
                      <basicAuthentication enabled="true" userFile="%s" groupFile="%s" />
                    </authentication></security>
                  </system.webServer>
                </configuration>
                """.formatted(writeUsers(), dir.resolve("groups")));
        host = HostProcess.start(config, Map.of());
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest(name = "/{0}")
    @ValueSource(strings = {"war", "iwar", "packed", "ipacked"})
    void aServletAnswersWithTheClientAddressLidosRequestIdAndItsOwnClassesOnly(String app) throws Exception {
        HttpResponse<String> response = host.get("/" + app + "/hello?q=a%20b");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Filtered")).as("the @WebFilter ran").hasValue("yes");
        assertThat(response.body())
                .startsWith("hello version=")
                .contains(" remote=127.0.0.1 localPort=" + host.port() + " secure=false requestId=")
                .contains(" context=/" + app + " ", " started=yes ", " resource=a ServletContext resource ",
                        " library=from-web-inf-lib ", " query=a b")
                .as("nothing of Lido's, Netty's or SLF4J's is visible; Jetty's server is hidden by Jetty's loader")
                .contains(" runtime=hidden ", " slf4j=hidden ", " netty=hidden ", " jettyServer=hidden ");
        String id = response.body().replaceAll(".*requestId=(\\d+) .*", "$1");
        assertThat(Long.parseLong(id)).isPositive();
        String logged = "/" + app + "/hello q=a%20b";
        awaitTrue(() -> accessLog().contains(logged), LONG, "the W3C log line of " + logged);
    }

    @ParameterizedTest(name = "/{0}")
    @ValueSource(strings = {"war", "iwar", "packed"})
    void servletFeaturesWork(String app) throws Exception {
        assertThat(body("/" + app + "/sci")).isEqualTo("added by a ServletContainerInitializer");
        assertThat(body("/" + app + "/async")).isEqualTo("async done on another thread");
        assertThat(body("/" + app + "/")).as("the welcome file").isEqualTo("<h1>welcome file</h1>\n");
        HttpResponse<String> missing = host.get("/" + app + "/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).as("web.xml's error page").isEqualTo("<p>the web application's own 404 page</p>\n");
        assertThat(host.get("/" + app + "/WEB-INF/web.xml").statusCode()).as("hidden by request filtering").isEqualTo(404);

        String boundary = "lido-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(100_000) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = host.client().send(HttpRequest.newBuilder(host.uri("/" + app + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.body()).isEqualTo("part=file file=a.bin size=100000 field=value");
    }

    @ParameterizedTest(name = "/{0}")
    @ValueSource(strings = {"war", "iwar"})
    void aLargeBodyEchoesWhole(String app) throws Exception {
        byte[] body = new byte[6 * 1024 * 1024 + 123];
        new Random(11).nextBytes(body);
        // The client reads the echo while it sends, as a streaming echo needs once it exceeds the sockets' buffers:
        // with the JDK's HttpClient this test hung on a loaded machine (the client still sending, nobody reading).
        try (Socket socket = new Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(60_000);
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /" + app + "/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ResponseReader.Response echoed = new ResponseReader(socket.getInputStream()).next(false);
            assertThat(sender.join(Duration.ofSeconds(60))).as("the whole body was sent").isTrue();
            assertThat(echoed.status()).isEqualTo(200);
            assertThat(sha256(echoed.body().getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(sha256(body));
        }
    }

    /**
     * Streaming both ways: echoed bytes of the first 96 KB arrive while the request body is still open (the client
     * sends the rest only after reading 32 KB of echo), so neither side is buffered whole. Lido's response channels
     * write to the socket per 16 KB gathered (they have no flush of their own yet), so the pieces are larger than that.
     */
    @ParameterizedTest(name = "/{0}")
    @ValueSource(strings = {"war", "iwar"})
    void theResponseStreamsWhileTheRequestBodyIsStillArriving(String app) throws Exception {
        byte[] first = "a".repeat(96 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /" + app + "/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(first.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(first);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String received = readUntilEchoed(in, 32 * 1024);
            assertThat(received).startsWith("HTTP/1.1 200").contains("Transfer-Encoding: chunked");
            out.write("6\r\nsecond\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readUntil(in, "\r\n0\r\n\r\n")).contains("second");
        }
    }

    /** A user file with alice (SHA-512 crypt) in group staff, for the Basic authentication around the servlets. */
    private static Path writeUsers() throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:" + org.apache.commons.codec.digest.Sha2Crypt.sha512Crypt(
                "alice-pw".getBytes(StandardCharsets.UTF_8)) + "\n");
        Files.writeString(dir.resolve("groups"), "staff: alice\n");
        return users;
    }

    @ParameterizedTest(name = "/{0}")
    @ValueSource(strings = {"war", "iwar"})
    void lidosBasicAuthenticationRunsAroundTheServletContainerAndTheServletSeesTheUser(String app) throws Exception {
        assertThat(host.get("/" + app + "/hello").body()).as("anonymous access stays on").startsWith("hello version=")
                .endsWith(" user=null authType=null staff=false");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> alice = host.client().send(HttpRequest.newBuilder(host.uri("/" + app + "/hello"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(alice.body()).as("the servlet sees Lido's user").startsWith("hello version=")
                .endsWith(" user=alice authType=BASIC staff=true");
        HttpResponse<String> wrong = host.client().send(HttpRequest.newBuilder(host.uri("/" + app + "/hello"))
                .header("Authorization", basic.substring(0, basic.length() - 4) + "AAA=").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).as("the servlet is not reached with a wrong password").isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("hello version=");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
    }

    @Test
    void aWebApplicationWithSecurityConstraintsIsRefusedRatherThanServedUnprotected() throws Exception {
        HttpResponse<String> response = host.get("/secured/admin/x");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("declares security constraints that need a user or TLS", "/admin/*",
                "not supported yet");
    }

    /** Redeploys in place under load: web.xml of the folder, or the whole .war, rewritten while requests run. */
    @ParameterizedTest(name = "/{0}")
    @ValueSource(strings = {"war", "ipacked"})
    void redeploymentsUnderLoadFailNoRequest(String app) throws Exception {
        String path = "/" + app + "/hello";
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread[] clients = new Thread[3];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = host.get(path, Duration.ofSeconds(30));
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.add(e.toString());
                    }
                }
            });
        }
        try {
            for (int version = 2; version <= 3; version++) {
                deploy(app, version);
                String expected = "hello version=" + version + " ";
                awaitTrue(() -> bodyQuietly(path).startsWith(expected), LONG, path + " at version " + expected);
            }
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(40));
            }
        }
        assertThat(failures).as("failed answers during the redeployments").isEmpty();
        assertThat(ok.get()).isGreaterThan(10);
        assertThat(logs()).contains("Application /" + app + " (site \"Wars\") restarting: web application change",
                "test war /" + app + " destroyed");
    }

    @Test
    void aBrokenWebXmlKeepsTheOldGenerationServingAndAppOfflineTakesTheApplicationOffline() throws Exception {
        Path webXml = dir.resolve("iwar/WEB-INF/web.xml");
        String before = body("/iwar/hello").replaceAll(" requestId=\\d+", "");
        long discarded = count("Application /iwar (site \"Wars\"): domain", "failed to start and was discarded");
        Files.writeString(webXml, "<web-app><servlet>");
        awaitTrue(() -> count("Application /iwar (site \"Wars\"): domain", "failed to start and was discarded") > discarded,
                LONG, "the broken deployment to be discarded");
        assertThat(body("/iwar/hello").replaceAll(" requestId=\\d+", "")).isEqualTo(before);
        assertThat(logs()).as("the deployed descriptor named with its line, not the shadow copy Jetty parsed")
                .contains("failed to start: " + webXml + ":1:");

        Files.writeString(dir.resolve("iwar/app_offline.htm"), "<p>down for maintenance</p>");
        awaitTrue(() -> statusQuietly("/iwar/hello") == 503, LONG, "app_offline.htm to take /iwar offline");
        assertThat(host.get("/iwar/hello").body()).isEqualTo("<p>down for maintenance</p>");
        Files.writeString(webXml, TestWar.webXml(7));
        Files.delete(dir.resolve("iwar/app_offline.htm"));
        awaitTrue(() -> bodyQuietly("/iwar/hello").startsWith("hello version=7 "), LONG, "/iwar back at version 7");
    }

    private static void deploy(String app, int version) throws IOException {
        if (app.endsWith("packed")) {
            Files.write(dir.resolve("wars/" + app + ".war"), TestWar.war(servletApi, dir.resolve("build-" + app + version), version));
        } else {
            Files.writeString(dir.resolve(app + "/WEB-INF/web.xml"), TestWar.webXml(version));
        }
    }

    private static String body(String path) throws Exception {
        HttpResponse<String> response = host.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String bodyQuietly(String path) {
        try {
            return host.get(path).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    private static int statusQuietly(String path) {
        try {
            return host.get(path).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    private static long count(String... parts) {
        return logs().lines().filter(l -> Stream.of(parts).allMatch(l::contains)).count();
    }

    /** The host's output and every log file (out-of-process applications log to their worker's file). */
    private static String logs() {
        StringBuilder all = new StringBuilder(host.output());
        try (Stream<Path> files = Files.walk(dir.resolve("logs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") && Files.isRegularFile(f)).toList()) {
                all.append('\n').append(Files.readString(file));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the logs under " + dir.resolve("logs"), e);
        }
        return all.toString();
    }

    private static String accessLog() {
        Path folder = dir.resolve("logs/W3SVC1");
        if (!Files.isDirectory(folder)) {
            return "";
        }
        try (Stream<Path> files = Files.list(folder)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            throw new AssertionError("cannot read the access logs in " + folder, e);
        }
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (text.indexOf(marker) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the connection closed before \"" + marker + "\": " + text);
            }
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    /** Reads until {@code count} bytes 'a' of the echoed body (between the chunk marks) have arrived. */
    private static String readUntilEchoed(InputStream in, int count) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        long echoed = 0;
        while (echoed < count) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the connection closed after " + echoed + " echoed bytes");
            }
            for (int i = 0; i < n; i++) {
                echoed += buffer[i] == 'a' ? 1 : 0;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
