package io.lido.server.activation;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 part 5 through the real distribution, as root with a throw-away pool user: worker starts never depend
 * on the file on disk (the host hands each worker the last valid configuration it loaded), a start that fails is
 * reported as a failure by {@code lido recycle apppool}, and a fixed file brings the pool back.
 */
class LastGoodConfigurationIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final WorkerTestSite site = new WorkerTestSite();

    @Test
    void workersStartFromTheLastGoodConfigurationWhileAnInvalidEditSitsOnDisk() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch users");
        try (ThrowawayUser user = ThrowawayUser.create()) {
            site.appPoolAttributes = "jvmAotCache=\"false\"";
            site.appPoolProcessModel = "identityType=\"SpecificUser\" userName=\"" + user.name() + "\"";
            Path config = site.write(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(config.getParent(), PosixFilePermissions.fromString("rwx------"));
            user.ownPrivately(dir.resolve("app"));
            String good = Files.readString(config);
            try (HostProcess host = HostProcess.start(config, Map.of())) {
                long first = pid(host.get("/pid"));

                Files.writeString(config, good.replace("<add name=\"AppPool\"", "<add noSuchAttribute=\"1\" name=\"AppPool\""));
                host.awaitLine(Pattern.compile("The changed configuration is invalid"), LONG);

                HostProcess.CliResult recycle = host.cli("recycle", "apppool", "AppPool");
                assertThat(recycle.status()).as(recycle.output()).isZero();
                assertThat(recycle.output()).contains("\"AppPool\" successfully recycled");
                long second = pid(host.get("/pid"));
                assertThat(second).isNotEqualTo(first);
                awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the recycled worker to exit");

                ProcessHandle.of(second).orElseThrow().destroyForcibly();
                awaitTrue(() -> host.count("terminated unexpectedly") == 1, LONG, "the crash to be logged");
                long third = pid(host.get("/pid"));
                assertThat(third).isNotEqualTo(second);
                assertThat(host.output()).doesNotContain("failed to start").doesNotContain("rapid-fail");

                // A valid file whose jvmOptions the JVM refuses; the running worker is left alone until recycled.
                Files.writeString(config, good.replace("jvmAotCache=\"false\"",
                        "jvmAotCache=\"false\" jvmOptions=\"-XX:+NoSuchLidoOption\"")
                        .replace("<recycling>", "<recycling disallowRotationOnConfigChange=\"true\">"));
                host.awaitLine(Pattern.compile("The configuration of application pool 'AppPool' changed"), LONG);
                HostProcess.CliResult failed = host.cli("recycle", "apppool", "AppPool");
                assertThat(failed.status()).as(failed.output()).isNotZero();
                assertThat(failed.output()).contains("a worker process of application pool 'AppPool' failed to start")
                        .doesNotContain("successfully");

                Files.writeString(config, good);
                awaitTrue(() -> servesFromANewWorker(host, third), LONG, "the pool to run again after the fix");
            }
        }
    }

    private static long pid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Long.parseLong(response.body());
    }

    private static boolean servesFromANewWorker(HostProcess host, long old) {
        try {
            HttpResponse<String> response = host.get("/pid");
            return response.statusCode() == 200 && Long.parseLong(response.body()) != old;
        } catch (Exception e) {
            return false;
        }
    }
}
