package io.lido.listener.tls;

import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A certificate is re-read when its files change; a broken or mismatched new file keeps the old one serving; PEM
 * (separate or one file) and PKCS#12 are read; certificates within 30 days of expiry are warned about.
 */
class WatchedCertificateTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    @TempDir
    Path dir;

    private static KeyMaterial certificate(String host, Duration validFor) {
        return SelfSignedCertificate.make(host, NOW.minus(Duration.ofDays(1)), NOW.plus(validFor));
    }

    /** Rewrites a file and moves its time on, as a copy from another machine would. */
    private static void touch(Path file, int seconds) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(seconds)));
    }

    @Test
    void aChangedPairIsReadAndABrokenOneKeepsTheOld() throws Exception {
        Path crt = dir.resolve("site.crt");
        Path key = dir.resolve("site.key");
        SelfSignedCertificate.write(certificate("one.example", Duration.ofDays(90)), crt, key);
        WatchedCertificate watched = WatchedCertificate.open(crt, key, "", SslProvider.JDK);
        assertThat(watched.material().leaf().getSubjectX500Principal().getName()).isEqualTo("CN=one.example");
        assertThat(watched.refresh()).as("nothing changed").isFalse();

        SelfSignedCertificate.write(certificate("two.example", Duration.ofDays(90)), crt, key);
        touch(crt, 10);
        assertThat(watched.refresh()).isTrue();
        assertThat(watched.material().leaf().getSubjectX500Principal().getName()).isEqualTo("CN=two.example");
        assertThat(watched.context(0)).isNotNull();

        Files.writeString(crt, "-----BEGIN CERTIFICATE-----\nhalf a copy");
        touch(crt, 20);
        assertThat(watched.refresh()).isFalse();
        assertThat(watched.material().leaf().getSubjectX500Principal().getName()).isEqualTo("CN=two.example");

        // A certificate whose key is still the old file's: refused too, the old pair keeps serving.
        SelfSignedCertificate.write(certificate("three.example", Duration.ofDays(90)), crt, dir.resolve("other.key"));
        touch(crt, 30);
        assertThat(watched.refresh()).isFalse();
        assertThat(watched.material().leaf().getSubjectX500Principal().getName()).isEqualTo("CN=two.example");

        Files.move(dir.resolve("other.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        touch(key, 40);
        assertThat(watched.refresh()).as("the matching key arrived").isTrue();
        assertThat(watched.material().leaf().getSubjectX500Principal().getName()).isEqualTo("CN=three.example");
    }

    @Test
    void onePemFileWithKeyAndAPkcs12FileAreRead() throws Exception {
        Path pem = dir.resolve("both.pem");
        SelfSignedCertificate.write(certificate("pem.example", Duration.ofDays(90)), pem, null);
        assertThat(CertificateFiles.load(pem, null, "").leaf().getSubjectX500Principal().getName())
                .isEqualTo("CN=pem.example");

        KeyMaterial material = certificate("pfx.example", Duration.ofDays(90));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("site", material.key(), "secret".toCharArray(),
                material.chain().toArray(Certificate[]::new));
        Path pfx = dir.resolve("www.pfx");
        try (FileOutputStream out = new FileOutputStream(pfx.toFile())) {
            store.store(out, "secret".toCharArray());
        }
        assertThat(CertificateFiles.load(pfx, null, "secret").leaf().getSubjectX500Principal().getName())
                .isEqualTo("CN=pfx.example");
        assertThatThrownBy(() -> CertificateFiles.load(pfx, null, "wrong"))
                .isInstanceOf(CertificateLoadException.class)
                .hasMessageContaining("cannot read the PKCS#12 file " + pfx + " (wrong password?)");
    }

    @Test
    void certificatesWithin30DaysOfExpiryAreWarnedAbout() throws Exception {
        Path soon = dir.resolve("soon.pem");
        Path fine = dir.resolve("fine.pem");
        Path gone = dir.resolve("gone.pem");
        SelfSignedCertificate.write(certificate("soon.example", Duration.ofDays(12).plusHours(1)), soon, null);
        SelfSignedCertificate.write(certificate("fine.example", Duration.ofDays(200)), fine, null);
        SelfSignedCertificate.write(SelfSignedCertificate.make("gone.example", NOW.minus(Duration.ofDays(60)),
                NOW.minus(Duration.ofDays(2))), gone, null);
        List<WatchedCertificate> all = List.of(WatchedCertificate.open(soon, null, "", SslProvider.JDK),
                WatchedCertificate.open(fine, null, "", SslProvider.JDK),
                WatchedCertificate.open(gone, null, "", SslProvider.JDK));

        List<String> warnings = CertificateExpiry.check(all, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("TLS certificate " + soon + " expires in 12 days, on ");
        assertThat(warnings.get(1)).startsWith("TLS certificate " + gone + " expired on ");
    }

    @Test
    void theWatcherSwapsTheCertificateWithinItsPoll() throws Exception {
        Path crt = dir.resolve("site.crt");
        Path key = dir.resolve("site.key");
        SelfSignedCertificate.write(certificate("before.example", Duration.ofDays(90)), crt, key);
        WatchedCertificate watched = WatchedCertificate.open(crt, key, "", SslProvider.JDK);
        try (CertificateWatcher ignored = CertificateWatcher.start(() -> List.of(watched), Clock.systemUTC(),
                Duration.ofMillis(50))) {
            SelfSignedCertificate.write(certificate("after.example", Duration.ofDays(90)), crt, key);
            touch(crt, 10);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!watched.material().leaf().getSubjectX500Principal().getName().equals("CN=after.example")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(watched.material().leaf().getSubjectX500Principal().getName()).isEqualTo("CN=after.example");
    }
}
