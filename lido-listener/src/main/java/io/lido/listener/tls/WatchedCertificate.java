package io.lido.listener.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One certificate of a store and the TLS contexts made of it, re-read when its files change. A change is taken
 * only when the new files make a valid pair: a half-copied or broken file keeps the old certificate serving and
 * is logged once with the reason (the failure modes of Jetty#5062 and Traefik#3083), then tried again at its next
 * change. {@link SslContext} is immutable, so a reload swaps the contexts new handshakes get; connections keep the
 * one they started with.
 *
 * <p>Thread-safe: handshakes read it on the event loops while the watcher refreshes it.
 */
public final class WatchedCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedCertificate.class);

    private final Path certificateFile;
    private final Path keyFile;
    private final String password;
    private final SslProvider provider;
    private volatile KeyMaterial material;
    /** The stamp of the files as last read, good or bad: a bad file is reported once per change. */
    private volatile String stamp;
    private final Map<Integer, SslContext> contexts = new ConcurrentHashMap<>();

    private WatchedCertificate(Path certificateFile, Path keyFile, String password, SslProvider provider,
                               KeyMaterial material, String stamp) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.password = password;
        this.provider = provider;
        this.material = material;
        this.stamp = stamp;
    }

    /**
     * Reads the certificate now.
     *
     * @param keyFile null when the certificate file holds the key (PKCS#12, or PEM with both)
     * @throws CertificateLoadException when the files cannot be used
     */
    public static WatchedCertificate open(Path certificateFile, Path keyFile, String password, SslProvider provider) {
        String stamp = stamp(certificateFile, keyFile);
        KeyMaterial material = CertificateFiles.load(certificateFile, keyFile, password);
        WatchedCertificate certificate = new WatchedCertificate(certificateFile, keyFile, password, provider, material,
                stamp);
        // Made now: a context the engine refuses fails the start (or the first use of a central store file).
        certificate.context(0);
        return certificate;
    }

    /** The TLS context for a binding with these sslFlags. */
    public SslContext context(int sslFlags) {
        return contexts.computeIfAbsent(sslFlags, flags -> TlsPolicy.context(material, flags, provider));
    }

    public KeyMaterial material() {
        return material;
    }

    public Path certificateFile() {
        return certificateFile;
    }

    /**
     * Re-reads the files if they changed since last read.
     *
     * @return true when a new certificate now serves
     */
    public synchronized boolean refresh() {
        String now = stamp(certificateFile, keyFile);
        if (Objects.equals(now, stamp)) {
            return false;
        }
        stamp = now;
        try {
            KeyMaterial next = CertificateFiles.load(certificateFile, keyFile, password);
            TlsPolicy.context(next, 0, provider);
            material = next;
            contexts.clear();
            LOG.info("TLS certificate {} reloaded: {}", next.source(), next.describe());
            return true;
        } catch (CertificateLoadException e) {
            LOG.warn("TLS certificate {} changed but cannot be used, the previous one keeps serving ({}): {}",
                    certificateFile, material.describe(), e.getMessage());
            return false;
        }
    }

    /** Modification times and sizes of the files, or why they cannot be read. */
    private static String stamp(Path certificate, Path key) {
        return stamp(certificate) + (key == null ? "" : "|" + stamp(key));
    }

    private static String stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "missing";
        }
    }

    @Override
    public String toString() {
        return material.source();
    }
}
