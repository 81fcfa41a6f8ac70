package io.lido.listener.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Makes the self-signed certificate of {@code createSelfSigned="true"} (the default configuration's
 * https://localhost:8443): an ECDSA P-256 key and a certificate for the host, localhost, 127.0.0.1 and ::1, valid
 * for a year, written as PEM files only their owner can read. A pair that is there and valid for more than
 * {@link CertificateExpiry#WARNING} is kept; a missing, unreadable or expiring one is made anew.
 */
public final class SelfSignedCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);
    private static final Duration VALIDITY = Duration.ofDays(365);

    private SelfSignedCertificate() {
    }

    /** Makes the pair unless a usable one is there; {@code keyFile} null puts the key into the certificate file. */
    static void ensure(Path certificateFile, Path keyFile, String host, Clock clock) {
        if (Files.exists(certificateFile)) {
            try {
                KeyMaterial kept = CertificateFiles.load(certificateFile, keyFile, "");
                if (kept.notAfter().isAfter(clock.instant().plus(CertificateExpiry.WARNING))) {
                    return;
                }
            } catch (CertificateLoadException e) {
                LOG.warn("the self-signed certificate {} cannot be used, a new one is made: {}", certificateFile,
                        e.getMessage());
            }
        }
        Instant now = clock.instant();
        write(make(host, now.minus(Duration.ofHours(1)), now.plus(VALIDITY)), certificateFile, keyFile);
        LOG.info("made a self-signed certificate for {} in {} (browsers will warn about it: give the binding a "
                + "real certificate in <sslCertificates>)", host, certificateFile);
    }

    /** A self-signed certificate for {@code host} (and localhost, 127.0.0.1, ::1) valid in the given window. */
    public static KeyMaterial make(String host, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + host);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE), Date.from(notBefore),
                    Date.from(notAfter), name, pair.getPublic());
            GeneralName[] names = host.equals("localhost")
                    ? new GeneralName[] {dns("localhost"), ip("127.0.0.1"), ip("::1")}
                    : new GeneralName[] {dns(host), dns("localhost"), ip("127.0.0.1"), ip("::1")};
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new KeyMaterial(pair.getPrivate(), List.of(certificate), "self-signed " + host);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static GeneralName ip(String address) {
        return new GeneralName(GeneralName.iPAddress, address);
    }

    /** Writes the certificate and its PKCS#8 key as PEM, each file mode 600 and replaced atomically. */
    public static void write(KeyMaterial material, Path certificateFile, Path keyFile) {
        try {
            String certificate = pem(material.leaf());
            String key = pem(new JcaPKCS8Generator(material.key(), null).generate());
            if (keyFile == null) {
                replace(certificateFile, certificate + key);
            } else {
                replace(keyFile, key);
                replace(certificateFile, certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate " + certificateFile + ": " + e.getMessage(), e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(o);
        }
        return text.toString();
    }

    private static void replace(Path file, String text) throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            // The host made and checked the folder (work/tls) already; a listener on its own makes one only it enters.
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(next, text, StandardCharsets.US_ASCII);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
