package io.lido.server.auth;

import io.lido.server.LidoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.lido.server.auth.AuthTools.curl;
import static io.lido.server.auth.AuthTools.htpasswd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Basic authentication through the real server, in process, with users written by the real htpasswd (bcrypt,
 * Apache MD5 and SHA-crypt) and requests sent by curl: the 401.2 challenge when anonymous access is off, 401.1 for
 * a wrong password, the user, roles and server variables a handler sees, static files behind the same wall, an
 * edited user file counting at once (the verified-password cache is keyed by the stored hash), and cs-username
 * and sc-substatus in the W3C log.
 */
class BasicAuthenticationSocketTest {
    private static final String CHALLENGE = "Basic realm=\"Lido test\", charset=\"UTF-8\"";

    @TempDir
    static Path dir;
    private static LidoTestServer lido;
    private static Path users;

    @BeforeAll
    static void start() throws Exception {
        users = dir.resolve("etc/users");
        Files.createDirectories(users.getParent());
        htpasswd(users, "-B", "alice", "alice's secret");
        htpasswd(users, "-m", "bob", "bob-pw");
        htpasswd(users, AuthTools.htpasswdHas("-5") ? "-5" : "-B", "carol", "carol-pw");
        htpasswd(users, "-B", "dave", "old-pw");
        Files.writeString(dir.resolve("etc/groups"), "staff: alice carol\nadmins: alice\n");
        lido = LidoTestServer.in(dir.resolve("site"))
                .serverWebServer(security(users, dir.resolve("etc/groups")))
                .file("wwwroot/bin/whoami.jar", AuthTools.whoamiJar())
                .webConfig(AuthTools.WHOAMI_CONFIG)
                .webFile("page.txt", "static page")
                .start();
    }

    static String security(Path userFile, Path groupFile) {
        return """
                <security>
                  <authentication>
                    <anonymousAuthentication enabled="false" />
                    <basicAuthentication enabled="true" realm="Lido test" userFile="%s" groupFile="%s" />
                  </authentication>
                </security>
                """.formatted(userFile, groupFile);
    }

    @AfterAll
    static void stop() {
        if (lido != null) {
            lido.close();
        }
    }

    private static String url(String path) {
        return lido.uri(path).toString();
    }

    @Test
    void aRequestWithoutCredentialsIsChallengedWith401Point2() throws Exception {
        AuthTools.Response response = curl(url("/whoami"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
        assertThat(response.body()).contains("401.2");
        AuthTools.Response file = curl(url("/page.txt"));
        assertThat(file.status()).as("a static file is behind the same wall").isEqualTo(401);
        assertThat(file.body()).doesNotContain("static page");
    }

    @Test
    void theUserAndRolesReachTheHandlerAndTheServerVariables() throws Exception {
        AuthTools.Response alice = curl("-u", "alice:alice's secret", url("/whoami"));
        assertThat(alice.status()).as(alice.body()).isEqualTo(200);
        assertThat(alice.body()).isEqualTo("user=alice AUTH_TYPE=Basic REMOTE_USER=alice LOGON_USER=alice "
                + "roles=staff,admins staff=true");
        AuthTools.Response bob = curl("-u", "bob:bob-pw", url("/whoami"));
        assertThat(bob.body()).as("Apache MD5 ($apr1$)").isEqualTo("user=bob AUTH_TYPE=Basic REMOTE_USER=bob "
                + "LOGON_USER=bob roles= staff=false");
        AuthTools.Response carol = curl("-u", "carol:carol-pw", url("/whoami"));
        assertThat(carol.body()).as("SHA-512 crypt where htpasswd has -5").startsWith("user=carol ");
        assertThat(curl("-u", "alice:alice's secret", url("/page.txt")).body()).isEqualTo("static page");
    }

    @Test
    void aWrongPasswordOrUnknownUserIs401Point1WithTheChallenge() throws Exception {
        for (String credentials : List.of("alice:wrong", "nobody:alice's secret", "alice:")) {
            AuthTools.Response response = curl("-u", credentials, url("/whoami"));
            assertThat(response.status()).as(credentials).isEqualTo(401);
            assertThat(response.body()).as(credentials).contains("401.1");
            assertThat(response.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
        }
        AuthTools.Response malformed = curl("-H", "Authorization: Basic !!!", url("/whoami"));
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.body()).contains("401.1");
    }

    @Test
    void aChangedPasswordCountsAtOnceDespiteTheCache() throws Exception {
        assertThat(curl("-u", "dave:old-pw", url("/whoami")).status()).isEqualTo(200);
        assertThat(curl("-u", "dave:old-pw", url("/whoami")).status()).as("from the cache").isEqualTo(200);
        htpasswd(users, "-B", "dave", "new-pw");
        // The file is looked at once a second.
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = curl("-u", "dave:old-pw", url("/whoami")).status();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).as("the old password after the edit").isEqualTo(401);
        assertThat(curl("-u", "dave:new-pw", url("/whoami")).body()).startsWith("user=dave ");
    }

    @Test
    void aUserFileOthersMayWriteFailsClosed() throws Exception {
        Path open = dir.resolve("etc/open-users");
        htpasswd(open, "-B", "eve", "eve-pw");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        try (LidoTestServer other = LidoTestServer.in(dir.resolve("open-site"))
                .serverWebServer(security(open, dir.resolve("etc/groups")))
                .webFile("page.txt", "static page").start()) {
            AuthTools.Response response = curl("-u", "eve:eve-pw", other.uri("/page.txt").toString());
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).contains("may be written by its group or by others").doesNotContain("static page");
        }
    }

    @Test
    void theW3cLogHasTheUserNameAndTheSubStatus() throws Exception {
        Path base = dir.resolve("logged-site");
        try (LidoTestServer logged = LidoTestServer.in(base)
                .serverWebServer(security(users, dir.resolve("etc/groups")))
                .webFile("page.txt", "static page").start()) {
            curl(logged.uri("/page.txt").toString());
            curl("-u", "alice:wrong", logged.uri("/page.txt").toString());
            curl("-u", "alice:alice's secret", logged.uri("/page.txt?who=alice").toString());
        }
        List<String> entries;
        try (Stream<Path> files = Files.list(base.resolve("logs/W3SVC1"))) {
            entries = files.filter(p -> p.toString().endsWith(".log")).sorted().flatMap(p -> {
                try {
                    return Files.readAllLines(p, StandardCharsets.UTF_8).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(l -> !l.startsWith("#")).toList();
        }
        // Default fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip ... sc-status sc-substatus
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0)).contains(" /page.txt - ").contains(" - 127.0.0.1 ").contains(" 401 2 ");
        assertThat(entries.get(1)).contains(" 401 1 ");
        assertThat(entries.get(2)).contains(" who=alice ").contains(" alice 127.0.0.1 ").contains(" 200 0 ");
    }
}
