package io.lido.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lido.server.LidoTestServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The W3C access log through the real server: IIS's default fields, one folder per site
 * ({@code W3SVC<id>}), a {@code u_exYYMMDD.log} per day, nothing for a site whose logging is disabled.
 * The logs are read after the server stopped, which flushes them.
 */
class AccessLogSocketTest {
    private static final String FIELDS = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
            + "cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";
    private static final Pattern DAILY_NAME = Pattern.compile("u_ex\\d{6}\\.log");

    @TempDir
    Path dir;

    @Test
    void eachRequestIsOneLineWithIisDefaultFields() throws Exception {
        int port;
        try (LidoTestServer lido = LidoTestServer.in(dir).webFile("hello.txt", "hello").start()) {
            port = lido.port();
            RawExchange.send(port, "GET /hello.txt?a=1&b=two HTTP/1.1\r\nHost: localhost\r\n"
                    + "User-Agent: Lido Test/1.0 (raw socket)\r\nReferer: http://ref.example/page\r\n"
                    + "Connection: close\r\n\r\n");
            RawExchange.send(port, "GET /missing.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        }
        Path folder = dir.resolve("logs/W3SVC1");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .allSatisfy(name -> assertThat(name).matches(DAILY_NAME));
        }
        List<String> lines = LogFiles.lines(folder);
        assertThat(lines).contains("#Version: 1.0", FIELDS);
        assertThat(lines.getFirst()).startsWith("#Software: Lido ");
        assertThat(LogFiles.entries(folder)).satisfiesExactly(
                hello -> assertThat(hello).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d 127\\.0\\.0\\.1 GET "
                        + "/hello\\.txt a=1&b=two " + port + " - 127\\.0\\.0\\.1 Lido\\+Test/1\\.0\\+\\(raw\\+socket\\) "
                        + "http://ref\\.example/page 200 0 0 \\d+"),
                missing -> assertThat(missing).matches(".* GET /missing\\.txt - " + port
                        + " - 127\\.0\\.0\\.1 - - 404 \\d+ 0 \\d+"));
    }

    @Test
    void noLineIsLostUnderLoad() throws Exception {
        int connections = 4;
        int perConnection = 250;
        try (LidoTestServer lido = LidoTestServer.in(dir).webFile("hello.txt", "hello").start()) {
            ExecutorService clients = Executors.newFixedThreadPool(connections);
            List<Future<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int client = c;
                answered.add(clients.submit(() -> keepAliveRequests(lido, client, perConnection)));
            }
            for (Future<Integer> n : answered) {
                assertThat(n.get(60, TimeUnit.SECONDS)).isEqualTo(perConnection);
            }
            clients.shutdown();
        }
        List<String> entries = LogFiles.entries(dir.resolve("logs/W3SVC1"));
        assertThat(entries).hasSize(connections * perConnection);
        for (int c = 0; c < connections; c++) {
            String client = " client=" + c + "&n=";
            assertThat(entries).filteredOn(e -> e.contains(client)).hasSize(perConnection);
        }
    }

    private static int keepAliveRequests(LidoTestServer lido, int client, int count) throws IOException {
        try (Socket socket = lido.connect()) {
            ResponseReader reader = new ResponseReader(socket.getInputStream());
            int ok = 0;
            for (int i = 0; i < count; i++) {
                socket.getOutputStream().write(("GET /hello.txt?client=" + client + "&n=" + i
                        + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (reader.next(false).status() == 200) {
                    ok++;
                }
            }
            return ok;
        }
    }

    @Test
    void everySiteLogsIntoItsOwnFolderAndDisabledSitesLogNothing() throws Exception {
        String config = SiteConfigs.applicationHost(SiteConfigs.site("One", 1, "one", "", ""),
                SiteConfigs.site("Seven", 7, "seven", "", ""),
                SiteConfigs.site("Quiet", 9, "quiet", "", "enabled=\"false\""));
        try (LidoTestServer lido = LidoTestServer.in(dir).serverConfig(config)
                .webFile("one/hello.txt", "1").webFile("seven/hello.txt", "7").webFile("quiet/hello.txt", "9")
                .site("One").start()) {
            for (String site : List.of("One", "Seven", "Quiet")) {
                RawExchange exchange = RawExchange.send(lido.port(site), "GET /hello.txt?site=" + site
                        + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                assertThat(exchange.statuses()).containsExactly(200);
            }
        }
        assertThat(LogFiles.entries(dir.resolve("logs/W3SVC1"))).singleElement().asString().contains(" site=One ");
        assertThat(LogFiles.entries(dir.resolve("logs/W3SVC7"))).singleElement().asString().contains(" site=Seven ");
        assertThat(dir.resolve("logs/W3SVC9")).doesNotExist();
    }

    @Test
    void logExtFileFlagsChooseTheFieldsAndScBytesCountsWhatWasSent() throws Exception {
        String flags = "Date,Time,ClientIP,Method,UriStem,HttpStatus,Win32Status,BytesSent,BytesRecv,TimeTaken";
        String config = SiteConfigs.applicationHost(SiteConfigs.site("One", 1, "one", "",
                "logExtFileFlags=\"" + flags + "\""));
        String request = "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        RawExchange exchange;
        try (LidoTestServer lido = LidoTestServer.in(dir).serverConfig(config)
                .webFile("one/hello.txt", "hello, bytes").site("One").start()) {
            exchange = RawExchange.send(lido.port("One"), request);
            assertThat(exchange.statuses()).containsExactly(200);
        }
        assertThat(LogFiles.lines(dir.resolve("logs/W3SVC1"))).as("IIS's order, whatever the flags' order")
                .contains("#Fields: date time cs-method cs-uri-stem c-ip sc-status sc-win32-status sc-bytes cs-bytes"
                        + " time-taken");
        String[] fields = LogFiles.entries(dir.resolve("logs/W3SVC1")).getFirst().split(" ");
        assertThat(fields).hasSize(10);
        assertThat(fields[2]).isEqualTo("GET");
        assertThat(fields[3]).isEqualTo("/hello.txt");
        assertThat(fields[4]).isEqualTo("127.0.0.1");
        assertThat(fields[5]).isEqualTo("200");
        assertThat(Long.parseLong(fields[7])).as("sc-bytes: what the client received")
                .isEqualTo(exchange.received().length());
        assertThat(Long.parseLong(fields[8])).as("cs-bytes: the request").isEqualTo(request.length());
    }
}
