package io.lido.server.tls;

import io.lido.listener.tls.KeyMaterial;
import io.lido.listener.tls.SelfSignedCertificate;
import io.lido.server.TestApplicationJar;
import io.lido.server.activation.HostProcess;
import io.lido.server.it.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 part 1 through the real distribution, an out-of-process pool and real clients: curl over https (the
 * self-signed certificate made on the first start, kept in work/tls with mode 600, and an SNI binding's own
 * certificate), {@code openssl s_client -servername} (certificate, TLS 1.3, ALPN http/1.1; TLS 1.1 refused),
 * hsts, {@code access sslFlags="Ssl"} (403.4 over http, 200 over https), the JDK engine as well as OpenSSL, and
 * testssl.sh (protocols, ciphers, vulnerabilities, server defaults) with no finding rated HIGH or CRITICAL.
 */
class HttpsIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final String VARIABLES_HANDLER = """
            package test.tls;

            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;

            public class VariablesHandler implements HttpHandler {
                @Override
                public void processRequest(HttpContext context) throws Exception {
                    StringBuilder text = new StringBuilder();
                    for (String name : new String[] {"HTTPS", "SERVER_PORT_SECURE", "HTTPS_PROTOCOL", "HTTPS_KEYSIZE",
                            "HTTPS_SERVER_SUBJECT", "CERT_FLAGS", "SERVER_NAME"}) {
                        text.append(name).append('=').append(context.request().serverVariable(name)).append('\\n');
                    }
                    context.response().contentType("text/plain");
                    context.response().write(text.toString());
                }
            }
            """;
    private static final Pattern FINDING = Pattern.compile("\\{[^{}]*\"severity\"\\s*:\\s*\"(HIGH|CRITICAL)\"[^{}]*}");

    @TempDir
    Path dir;
    private int https;
    private int http;

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path site() throws Exception {
        https = freePort();
        http = freePort();
        Files.createDirectories(dir.resolve("root/secure"));
        Files.writeString(dir.resolve("root/hello.txt"), "hello over tls");
        Files.writeString(dir.resolve("root/secure/hello.txt"), "secret");
        Files.createDirectories(dir.resolve("root/bin"));
        Files.write(dir.resolve("root/bin/variables.jar"), TestApplicationJar.builder()
                .source("test.tls.VariablesHandler", VARIABLES_HANDLER).build());
        Files.writeString(dir.resolve("root/web.config"), """
                <configuration>
                  <system.webServer>
                    <handlers><add name="Variables" path="variables" verb="GET" type="test.tls.VariablesHandler" /></handlers>
                    <staticContent><mimeMap fileExtension=".crl" mimeType="application/pkix-crl" /></staticContent>
                  </system.webServer>
                </configuration>
                """);
        // www.example.com's certificate comes from a test CA whose CRL the site serves at /ca.crl (see
        // TestCertificateAuthority): a server certificate as a real site has, for testssl.sh to judge.
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificateAuthority ca = new TestCertificateAuthority();
        ca.writeCertificate(certs.resolve("ca.crt"));
        Files.write(dir.resolve("root/ca.crl"), ca.crl());
        KeyMaterial www = ca.issue("www.example.com", "http://127.0.0.1:" + http + "/ca.crl");
        SelfSignedCertificate.write(www, certs.resolve("www.crt"), certs.resolve("www.key"));
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="Workers" hostingModel="outOfProcess">
                        <processModel startupTimeLimit="00:00:30" shutdownTimeLimit="00:00:05" />
                      </add>
                    </applicationPools>
                    <sites>
                      <site name="Secure" id="7">
                        <application path="/" applicationPool="Workers">
                          <virtualDirectory path="/" physicalPath="../root" />
                        </application>
                        <bindings>
                          <binding protocol="http" bindingInformation="127.0.0.1:%2$d:" />
                          <binding protocol="https" bindingInformation="*:%1$d:" />
                          <binding protocol="https" bindingInformation="*:%1$d:www.example.com" sslFlags="1" />
                        </bindings>
                        <hsts enabled="true" max-age="600" />
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                    <sslCertificates>
                      <add ipPort="0.0.0.0:%1$d" certificateFile="../work/tls/localhost.crt"
                           keyFile="../work/tls/localhost.key" createSelfSigned="true" />
                      <add hostnamePort="www.example.com:%1$d" certificateFile="../certs/www.crt"
                           keyFile="../certs/www.key" />
                    </sslCertificates>
                  </system.applicationHost>
                  <location path="Secure/secure">
                    <system.webServer>
                      <security><access sslFlags="Ssl" /></security>
                    </system.webServer>
                  </location>
                </configuration>
                """.formatted(https, http));
        return config;
    }

    private static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private record Run(int status, String output) {
    }

    @Test
    void curlOpensslAndTestsslSeeModernTlsFromAnOutOfProcessPool() throws Exception {
        Path curl = ExternalTool.require("curl", "curl");
        Path openssl = ExternalTool.require("openssl", "openssl");
        Path testssl = ExternalTool.require("testssl", "testssl.sh");
        Path config = site();
        try (HostProcess host = HostProcess.start(config, Map.of())) {
            host.awaitLine(Pattern.compile("Lido listening on https://localhost:" + https + "/"), LONG);
            assertThat(host.output()).contains("TLS engine: OpenSSL");
            Path localhost = dir.resolve("work/tls/localhost.crt");
            assertThat(Files.getPosixFilePermissions(dir.resolve("work/tls/localhost.key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dir.resolve("work/tls")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));

            Run hello = run(LONG, curl.toString(), "-sS", "-D", "-", "--cacert", localhost.toString(), "--resolve",
                    "localhost:" + https + ":127.0.0.1", "https://localhost:" + https + "/hello.txt");
            assertThat(hello.output()).as(hello.output()).startsWith("HTTP/1.1 200")
                    .contains("Strict-Transport-Security: max-age=600").endsWith("hello over tls");
            assertThat(host.workers()).as("served by a worker process").hasSize(1);
            Run variables = run(LONG, curl.toString(), "-sS", "--cacert", localhost.toString(), "--resolve",
                    "localhost:" + https + ":127.0.0.1", "https://localhost:" + https + "/variables");
            assertThat(variables.output()).as("server variables in the worker").contains("HTTPS=on\n")
                    .contains("SERVER_PORT_SECURE=1\n").contains("HTTPS_PROTOCOL=TLSv1.3\n")
                    .containsPattern("HTTPS_KEYSIZE=(128|256)\n").contains("HTTPS_SERVER_SUBJECT=CN=localhost\n")
                    .contains("CERT_FLAGS=0\n").contains("SERVER_NAME=localhost\n");
            assertThat(host.get("/variables").body()).contains("HTTPS=off\n").contains("SERVER_PORT_SECURE=0\n")
                    .contains("HTTPS_PROTOCOL=\n");

            Run sni = run(LONG, curl.toString(), "-sS", "--cacert", dir.resolve("certs/ca.crt").toString(),
                    "--resolve", "www.example.com:" + https + ":127.0.0.1",
                    "https://www.example.com:" + https + "/secure/hello.txt");
            assertThat(sni.output()).as("the SNI binding's certificate, and Ssl satisfied").isEqualTo("secret");

            assertThat(host.get("/hello.txt").body()).isEqualTo("hello over tls");
            var plain = host.get("/secure/hello.txt");
            assertThat(plain.statusCode()).isEqualTo(403);
            assertThat(plain.body()).contains("403.4");

            Run client = run(LONG, openssl.toString(), "s_client", "-connect", "127.0.0.1:" + https, "-servername",
                    "www.example.com", "-alpn", "http/1.1");
            assertThat(client.output()).as(client.output()).contains("subject=CN = www.example.com")
                    .contains("New, TLSv1.3").contains("ALPN protocol: http/1.1");
            Run old = run(LONG, openssl.toString(), "s_client", "-connect", "127.0.0.1:" + https, "-tls1_1",
                    "-cipher", "DEFAULT@SECLEVEL=0");
            assertThat(old.status()).as(old.output()).isNotZero();
            assertThat(old.output()).as("TLS 1.1 refused").doesNotContain("BEGIN CERTIFICATE");

            Path json = dir.resolve("testssl.json");
            // The SNI binding with the CA's certificate: the scan judges the TLS Lido speaks, not a self-signed
            // certificate (which testssl rates CRITICAL whatever the server does).
            Run scan = run(Duration.ofMinutes(15), testssl.toString(), "--quiet", "--warnings", "off", "--color", "0",
                    "--add-ca", dir.resolve("certs/ca.crt").toString(), "--ip", "127.0.0.1", "--jsonfile",
                    json.toString(), "-p", "-s", "-U", "-S", "www.example.com:" + https);
            assertThat(json).as(scan.output()).exists();
            String findings = Files.readString(json);
            List<String> bad = new ArrayList<>();
            Matcher m = FINDING.matcher(findings);
            while (m.find()) {
                bad.add(m.group());
            }
            assertThat(bad).as("testssl.sh findings rated HIGH or CRITICAL\n" + scan.output()).isEmpty();
            assertThat(findings).contains("\"id\"").contains("TLS1_3");
        }
    }

    @Test
    void theJdkEngineServesTheSameBindings() throws Exception {
        Path openssl = ExternalTool.require("openssl", "openssl");
        Path config = site();
        try (HostProcess host = HostProcess.start(config, Map.of("LIDO_JAVA_OPTS", "-Dlido.tls.engine=jdk"))) {
            host.awaitLine(Pattern.compile("Lido listening on https://localhost:" + https + "/"), LONG);
            assertThat(host.output()).contains("TLS engine: the JDK's");
            Run client = run(LONG, openssl.toString(), "s_client", "-connect", "127.0.0.1:" + https, "-servername",
                    "www.example.com", "-alpn", "http/1.1");
            assertThat(client.output()).as(client.output()).contains("subject=CN = www.example.com")
                    .contains("New, TLSv1.3").contains("ALPN protocol: http/1.1");
            Run noSni = run(LONG, openssl.toString(), "s_client", "-connect", "127.0.0.1:" + https, "-noservername");
            assertThat(noSni.output()).as(noSni.output()).contains("subject=CN = localhost");
        }
    }
}
