package io.lido.listener;

import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.lido.listener.testing.Eventually;
import io.lido.listener.testing.HostConfig;
import io.lido.listener.testing.RawHttp;
import io.lido.listener.testing.RecordingLogs;
import io.lido.listener.testing.ScriptedDispatcher;
import io.lido.listener.testing.TlsClient;
import io.lido.listener.tls.CertificateWatcher;
import io.lido.listener.tls.KeyMaterial;
import io.lido.listener.tls.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * https bindings through real sockets and real TLS handshakes: the certificate by sslFlags (0 ipPort, 1 SNI
 * hostnamePort, 2 central certificate store with a wildcard file), sslFlags 32 (no TLS 1.3), the self-signed
 * certificate made on the first start (mode 600), ALPN http/1.1, the request marked secure, hsts on https responses
 * and redirectHttpToHttps on http, and a refused start when a binding has no certificate.
 */
class HttpsSocketTest {
    @TempDir
    Path dir;
    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher();
    private final RecordingLogs logs = new RecordingLogs();
    private HttpListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        assertThat(dispatcher.failures).isEmpty();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String host, Path certificate, Path key) {
        Instant now = Instant.now();
        KeyMaterial material = SelfSignedCertificate.make(host, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
        SelfSignedCertificate.write(material, certificate, key);
    }

    private static String site(String name, int id, Path root, String bindings, String extra) {
        return """
                <site name="%s" id="%d">
                  <application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="%s" /></application>
                  <bindings>%s</bindings>
                  %s
                </site>
                """.formatted(name, id, root.toAbsolutePath(), bindings, extra);
    }

    @Test
    void theCertificateComesFromTheStoreTheBindingsSslFlagsName() throws IOException {
        int https = freePort();
        int http = freePort();
        int legacy = freePort();
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Path central = Files.createDirectories(dir.resolve("central"));
        write("www.example.com", certs.resolve("www.crt"), certs.resolve("www.key"));
        write("shop.example.org", central.resolve("_.example.org.pem"), null);
        String sites = site("Main", 1, dir, """
                <binding protocol="http" bindingInformation="*:%d:" />
                <binding protocol="https" bindingInformation="*:%d:" />""".formatted(http, https),
                "<hsts enabled=\"true\" max-age=\"31536000\" includeSubDomains=\"true\" redirectHttpToHttps=\"true\" />")
                + site("Shop", 2, dir, """
                <binding protocol="https" bindingInformation="*:%d:www.example.com" sslFlags="1" />
                <binding protocol="https" bindingInformation="*:%d:shop.example.org" sslFlags="3" />"""
                .formatted(https, https), "")
                + site("Legacy", 3, dir, """
                <binding protocol="https" bindingInformation="127.0.0.1:%d:" sslFlags="32" />""".formatted(legacy), "");
        String stores = """
                <sslCertificates>
                  <add ipPort="0.0.0.0:%d" certificateFile="../work/tls/localhost.crt" keyFile="../work/tls/localhost.key"
                       createSelfSigned="true" />
                  <add ipPort="127.0.0.1:%d" certificateFile="../work/tls/localhost.crt" keyFile="../work/tls/localhost.key" />
                  <add hostnamePort="www.example.com:%d" certificateFile="../certs/www.crt" keyFile="../certs/www.key" />
                </sslCertificates>
                <centralCertificateStore enabled="true" physicalPath="../central" />
                """.formatted(https, legacy, https);
        ServerConfig config = HostConfig.load(dir, sites, stores, "");
        listener = new HttpListener(config, (s, app) -> dispatcher, logs, logs);
        listener.start();

        Path selfSigned = dir.resolve("work/tls/localhost.key");
        assertThat(Files.getPosixFilePermissions(selfSigned)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        TlsClient.Result noSni = TlsClient.exchange(https, null, "GET /echo HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(noSni.subject()).isEqualTo("CN=localhost");
        assertThat(noSni.protocol()).isEqualTo("TLSv1.3");
        assertThat(noSni.applicationProtocol()).isEqualTo("http/1.1");
        assertThat(noSni.response()).startsWith("HTTP/1.1 200 ")
                .contains("Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n")
                .contains("site=Main").contains("secure=true");

        TlsClient.Result sni = TlsClient.exchange(https, "www.example.com", "GET /echo HTTP/1.1\r\n"
                + "Host: www.example.com\r\nConnection: close\r\n\r\n");
        assertThat(sni.subject()).isEqualTo("CN=www.example.com");
        assertThat(sni.response()).contains("site=Shop").doesNotContain("Strict-Transport-Security");

        assertThat(TlsClient.exchange(https, "shop.example.org", null).subject())
                .as("the central store's wildcard file").isEqualTo("CN=shop.example.org");

        TlsClient.Result tls12 = TlsClient.exchange(legacy, null, null);
        assertThat(tls12.protocol()).as("sslFlags 32: no TLS 1.3").isEqualTo("TLSv1.2");

        try (RawHttp c = new RawHttp(http)) {
            c.send("GET /a/b?q=1 HTTP/1.1\r\nHost: www.contoso.com:" + http + "\r\n\r\n");
            RawHttp.Response redirect = c.read();
            assertThat(redirect.status()).isEqualTo(301);
            assertThat(redirect.header("Location")).isEqualTo("https://www.contoso.com:" + https + "/a/b?q=1");
        }
        Eventually.await(Duration.ofSeconds(5), () -> logs.access.stream().anyMatch(r -> r.status() == 301));
        assertThat(logs.access).filteredOn(r -> r.status() == 301).singleElement()
                .satisfies(r -> assertThat(r.uriStem() + "?" + r.uriQuery()).isEqualTo("/a/b?q=1"));
    }

    @Test
    void aReplacedCertificateServesTheNextHandshakeAndABrokenOneKeepsTheOld() throws Exception {
        int https = freePort();
        Path certs = Files.createDirectories(dir.resolve("certs"));
        write("old.example", certs.resolve("site.crt"), certs.resolve("site.key"));
        ServerConfig config = HostConfig.load(dir, site("Main", 1, dir,
                "<binding protocol=\"https\" bindingInformation=\"127.0.0.1:" + https + ":\" />", ""),
                "<sslCertificates>\n<add ipPort=\"127.0.0.1:" + https + "\" certificateFile=\"../certs/site.crt\" "
                        + "keyFile=\"../certs/site.key\" />\n</sslCertificates>", "");
        listener = new HttpListener(config, (s, app) -> dispatcher, logs, logs);
        listener.start();
        assertThat(TlsClient.exchange(https, null, null).subject()).isEqualTo("CN=old.example");

        // As an operator renews: the new pair is written next to the old and moved over it.
        write("new.example", certs.resolve("next.crt"), certs.resolve("next.key"));
        Files.move(certs.resolve("next.key"), certs.resolve("site.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(certs.resolve("next.crt"), certs.resolve("site.crt"), StandardCopyOption.REPLACE_EXISTING);
        Eventually.await(Duration.ofSeconds(10), () ->
                TlsClient.exchange(https, null, null).subject().equals("CN=new.example"));

        Files.writeString(certs.resolve("site.crt"), "-----BEGIN CERTIFICATE-----\ntruncated");
        Thread.sleep(2 * CertificateWatcher.POLL.toMillis() + 500);
        assertThat(TlsClient.exchange(https, null, null).subject()).as("the broken file is not taken")
                .isEqualTo("CN=new.example");
    }

    @Test
    void aBindingWithoutACertificateStopsTheStart() {
        int https = freePort();
        ServerConfig config = HostConfig.load(dir, site("Main", 1, dir,
                "<binding protocol=\"https\" bindingInformation=\"*:" + https + ":\" />", ""), "");
        listener = new HttpListener(config, (s, app) -> dispatcher, logs, logs);
        assertThatThrownBy(listener::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("applicationHost.config:9: <binding protocol=\"https\" bindingInformation=\"*:"
                        + https + ":\" sslFlags=\"0\"> of site \"Main\": no <sslCertificates> entry has ipPort=\"0.0.0.0:"
                        + https + "\"");
    }

    @Test
    void aKeyThatIsNotTheCertificatesStopsTheStartNamingTheEntry() throws IOException {
        int https = freePort();
        Path certs = Files.createDirectories(dir.resolve("certs"));
        write("a.example", certs.resolve("a.crt"), certs.resolve("a.key"));
        write("b.example", certs.resolve("b.crt"), certs.resolve("b.key"));
        ServerConfig config = HostConfig.load(dir, site("Main", 1, dir,
                "<binding protocol=\"https\" bindingInformation=\"*:" + https + ":\" />", ""),
                "<sslCertificates>\n<add ipPort=\"0.0.0.0:" + https + "\" certificateFile=\"../certs/a.crt\" "
                        + "keyFile=\"../certs/b.key\" />\n</sslCertificates>", "");
        listener = new HttpListener(config, (s, app) -> dispatcher, logs, logs);
        assertThatThrownBy(listener::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("applicationHost.config:15: <add ipPort=\"0.0.0.0:" + https + "\"> of "
                        + "<sslCertificates> attribute \"certificateFile\": the private key of ")
                .hasMessageContaining("does not belong to its certificate CN=a.example");
    }
}
