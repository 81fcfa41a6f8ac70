package io.lido.server.modules;

import io.lido.server.LidoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request filtering through the real server: IIS's shipped hidden segments, Lido's WEB-INF and META-INF
 * (an unpacked WAR's descriptor and build metadata) and denied extensions, double escaping, sequences,
 * verbs and a folder-level query limit, each answered with its 404.x and never with the file's content.
 */
class RequestFilteringSocketTest {
    private static final String SECRET = "FILTERED-CONTENT-7d1e";

    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() {
        lido = LidoTestServer.in(dir)
                .serverWebServer("""
                        <security>
                          <requestFiltering>
                            <denyUrlSequences><add sequence="private" /></denyUrlSequences>
                            <verbs><add verb="PURGE" allowed="false" /></verbs>
                          </requestFiltering>
                        </security>
                        """)
                .webFile("bin/notes.txt", SECRET)
                .webFile("App_Data/db.txt", SECRET)
                .webFile("settings.config", SECRET)
                .webFile("lib/code.jar", SECRET)
                .webFile("a+b.txt", SECRET)
                .webFile("x%41.txt", SECRET)
                .webFile("my-private.txt", SECRET)
                // Not at the application root: a root with WEB-INF/ is a web application (ServletWarIT hides its
                // WEB-INF); these are the copies of a WAR unpacked into a folder of a plain site.
                .webFile("unpacked/WEB-INF/web.xml", SECRET)
                .webFile("unpacked/WEB-INF/classes/app/Main.properties", SECRET)
                .webFile("unpacked/META-INF/maven/com.example/app/pom.xml", SECRET)
                .webFile("unpacked/META-INF/MANIFEST.MF", SECRET)
                .webFile("public.txt", "public")
                .webFile("small/item.txt", "small")
                .webFile("small/web.config", """
                        <configuration><system.webServer><security><requestFiltering>
                          <requestLimits maxQueryString="8" maxAllowedContentLength="10" />
                        </requestFiltering></security></system.webServer></configuration>
                        """)
                .start();
    }

    @AfterAll
    static void stop() {
        lido.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /bin/notes.txt, 404.8",
            "GET, /BIN/notes.txt, 404.8",
            "GET, /App_Data/db.txt, 404.8",
            "GET, /web.config, 404.8",
            "GET, /small/web.config, 404.8",
            "GET, /unpacked/WEB-INF/web.xml, 404.8",
            "GET, /unpacked/web-inf/web.xml, 404.8",
            "GET, /unpacked/Web-Inf/classes/app/Main.properties, 404.8",
            "GET, /unpacked/META-INF/maven/com.example/app/pom.xml, 404.8",
            "GET, /unpacked/meta-inf/MANIFEST.MF, 404.8",
            "GET, /unpacked/%57EB-INF/web.xml, 404.8",
            "GET, /settings.config, 404.7",
            "GET, /lib/code.jar, 404.7",
            "GET, /a+b.txt, 404.11",
            "GET, /x%2541.txt, 404.11",
            "GET, /my-private.txt, 404.5",
            "PURGE, /public.txt, 404.6",
            "GET, /small/item.txt?123456789, 404.15"})
    void rejectedWithTheIisSubStatus(String method, String target, String status) {
        RawResponse response = RawResponse.parse(lido.raw(
                method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains(status).doesNotContain(SECRET);
    }

    @Test
    void aFolderBodyLimitIs413() {
        RawResponse response = RawResponse.parse(lido.raw("POST /small/item.txt HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 20\r\nConnection: close\r\n\r\n01234567890123456789"));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("413.1");
    }

    @Test
    void ordinaryRequestsPass() {
        assertThat(lido.get("/public.txt").body()).isEqualTo("public");
        assertThat(lido.get("/small/item.txt?12345678").body()).isEqualTo("small");
        assertThat(lido.get("/public.txt?q=private").statusCode()).isEqualTo(200);
    }
}
