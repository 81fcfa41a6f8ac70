package io.lido.server.fastcgi;

import io.lido.server.LidoServer;
import io.lido.server.it.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FastCgiModule with real php-cgi (Debian php8.2-cgi) behind a real Lido in this JVM, an in-process pool: the
 * php-cgi processes are children of this JVM. Requests over real sockets with the JDK client or raw bytes.
 */
class FastCgiSocketTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final PhpSite site = new PhpSite();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private LidoServer lido;

    @BeforeEach
    void requirePhp() {
        ExternalTool.require(PhpSite.PHP_CGI, "php8.2-cgi");
    }

    @AfterEach
    void stop() {
        if (lido != null) {
            lido.stop(Duration.ofSeconds(5));
        }
    }

    private void start() throws IOException {
        lido = LidoServer.start(site.write(dir));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + lido.port("Php") + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void helloAndTheCgiVariablesOfRfc3875() throws Exception {
        start();
        HttpResponse<String> hello = get("/hello.php");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).startsWith("Hello from PHP 8.");
        assertThat(hello.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");

        HttpResponse<String> vars = client.send(HttpRequest.newBuilder(uri("/vars.php?a=1&x=%20y"))
                .header("X-Test", "tested").header("Proxy", "http://evil.example/").header("Cookie", "c=1")
                .POST(HttpRequest.BodyPublishers.ofString("b=posted")).header("Content-Type",
                        "application/x-www-form-urlencoded").timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> v = vars.body().lines().map(line -> line.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        Path www = dir.resolve("wwwroot").toRealPath();
        assertThat(v).containsEntry("GATEWAY_INTERFACE", "CGI/1.1").containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("SERVER_NAME", "127.0.0.1").containsEntry("SERVER_PORT", Integer.toString(lido.port("Php")))
                .containsEntry("REQUEST_METHOD", "POST").containsEntry("REQUEST_URI", "/vars.php?a=1&x=%20y")
                .containsEntry("QUERY_STRING", "a=1&x=%20y").containsEntry("SCRIPT_NAME", "/vars.php")
                .containsEntry("REMOTE_ADDR", "127.0.0.1").containsEntry("HTTPS", "off")
                .containsEntry("CONTENT_TYPE", "application/x-www-form-urlencoded").containsEntry("CONTENT_LENGTH", "8")
                .containsEntry("HTTP_X_TEST", "tested").containsEntry("HTTP_COOKIE", "c=1")
                .containsEntry("HTTP_PROXY", "(unset)").containsEntry("REDIRECT_STATUS", "200")
                .containsEntry("get.a", "1").containsEntry("post.b", "posted");
        assertThat(Path.of(v.get("SCRIPT_FILENAME")).toRealPath()).isEqualTo(www.resolve("vars.php"));
        assertThat(Path.of(v.get("DOCUMENT_ROOT")).toRealPath()).isEqualTo(www);
    }

    @Test
    void aPostBodyStreamsToTheScriptByteForByte() throws Exception {
        start();
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(body);
        HttpResponse<byte[]> echoed = client.send(HttpRequest.newBuilder(uri("/echo.php"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo(body);

        HttpResponse<byte[]> small = client.send(HttpRequest.newBuilder(uri("/echo.php"))
                        .POST(HttpRequest.BodyPublishers.ofString("short")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("short");
    }

    @Test
    void aLargeResponseStreamsInOrderWithoutContentLength() throws Exception {
        start();
        HttpResponse<InputStream> big = client.send(HttpRequest.newBuilder(uri("/big.php?n=640")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        boolean pattern = true;
        try (InputStream in = big.body()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n && pattern; i++) {
                    pattern = buffer[i] == "0123456789abcdef".charAt((int) ((total + i) % 16));
                }
                total += n;
            }
        }
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(total).isEqualTo(640L * 65536);
        assertThat(pattern).as("the bytes arrive in order").isTrue();
        assertThat(big.headers().firstValue("Content-Length")).as("streamed, not buffered whole").isEmpty();

        // Not asserted yet: that a script's flush() reaches the client before the script ends. FastCgiExchange
        // flushes the response, but Http1ResponseChannel holds body writes below 16 KB until the end (no flush in
        // ResponseChannel yet), so stream.php's last small part arrives with the end; see the README.
    }

    @Test
    void statusHeadersCookiesAndRedirectsFromTheScript() throws Exception {
        start();
        HttpResponse<String> created = get("/status.php");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("created");
        assertThat(created.headers().allValues("X-Custom")).containsExactly("one", "two");
        assertThat(created.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");

        HttpResponse<String> notFound = get("/notfound.php");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("nope");

        HttpResponse<String> redirect = get("/redirect.php");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/hello.php");

        assertThat(get("/missing.php").statusCode()).as("resourceType Either: no script, no process").isEqualTo(404);
    }

    @Test
    void stderrIsReturnedIn500ByDefaultAndIgnoredWithIgnoreAndReturn200() throws Exception {
        start();
        HttpResponse<String> failed = get("/stderr.php");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("boom from php").doesNotContain("partial");
        lido.stop(Duration.ofSeconds(5));

        site.application = "stderrMode=\"IgnoreAndReturn200\"";
        start();
        HttpResponse<String> ignored = get("/stderr.php");
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(ignored.body()).isEqualTo("partial");
    }

    @Test
    void recyclingAfterInstanceMaxRequestsUnderLoadFailsNoRequest() throws Exception {
        site.application = "maxInstances=\"3\" instanceMaxRequests=\"5\"";
        start();
        int requests = 300;
        Set<String> pids = ConcurrentHashMap.newKeySet();
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> get("/pid.php")));
            }
            for (Future<HttpResponse<String>> future : futures) {
                HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                pids.add(response.body());
            }
        }
        assertThat(statuses).as("no 502 or 503 while processes recycle").containsOnly(200);
        assertThat(pids).as("each php-cgi served at most instanceMaxRequests").hasSizeGreaterThanOrEqualTo(requests / 5);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (phpChildren().size() > 3 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the last retired ones are exiting
        }
        assertThat(phpChildren().size()).as("at most maxInstances php-cgi processes stay").isLessThanOrEqualTo(3);
    }

    @Test
    void aCrashedProcessIsReplacedAndItsSocketIsPrivate() throws Exception {
        start();
        long pid = Long.parseLong(get("/pid.php").body());
        String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        String socket = commandLine.replaceAll(".* -b (\\S+).*", "$1");
        assertThat(Files.getPosixFilePermissions(Path.of(socket).getParent()))
                .as("only Lido's user reaches the socket folder").containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);

        ProcessHandle php = ProcessHandle.of(pid).orElseThrow();
        php.destroyForcibly();
        php.onExit().get(10, TimeUnit.SECONDS);
        HttpResponse<String> after = get("/pid.php");
        assertThat(after.statusCode()).as("the idle process that died is replaced").isEqualTo(200);
        assertThat(after.body()).isNotEqualTo(Long.toString(pid));

        HttpResponse<String> crash = get("/crash.php");
        assertThat(crash.statusCode()).as("a process killed during its request").isEqualTo(502);
        assertThat(get("/hello.php").statusCode()).isEqualTo(200);
    }

    @Test
    void requestsQueueUpToQueueLengthThenGet503() throws Exception {
        site.application = "maxInstances=\"1\" queueLength=\"1\"";
        start();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            Future<HttpResponse<String>> running = pool.submit(() -> get("/sleep.php?ms=2000"));
            Thread.sleep(500);
            Future<HttpResponse<String>> queued = pool.submit(() -> get("/sleep.php?ms=10"));
            Thread.sleep(300);
            HttpResponse<String> refused = get("/hello.php");
            assertThat(refused.statusCode()).as("the queue holds one: the third request is refused").isEqualTo(503);
            assertThat(refused.body()).contains("503.4");
            assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(queued.get(30, TimeUnit.SECONDS).statusCode()).as("the queued request waits and runs")
                    .isEqualTo(200);
        }
    }

    @Test
    void stoppingLidoStopsItsPhpProcesses() throws Exception {
        start();
        long pid = Long.parseLong(get("/pid.php").body());
        lido.stop(Duration.ofSeconds(5));
        lido = null;
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    /** The php-cgi processes this JVM started (through setpriv: the same pid). */
    private static List<ProcessHandle> phpChildren() {
        return ProcessHandle.current().children().filter(p -> p.info().command().orElse("").contains("php"))
                .toList();
    }
}
