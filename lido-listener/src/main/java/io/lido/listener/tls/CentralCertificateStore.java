package io.lido.listener.tls;

import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IIS 8's Centralized Certificate Store: a folder of certificate files named by host — {@code www.example.com.pfx}
 * (or Lido's {@code www.example.com.pem} holding certificate and key), a wildcard as {@code _.example.com.pfx} —
 * with one private-key password for all. A file is read on the first handshake that asks for its host and kept
 * (and watched) afterwards. Thread-safe.
 */
final class CentralCertificateStore {
    private static final Logger LOG = LoggerFactory.getLogger(CentralCertificateStore.class);
    private static final List<String> EXTENSIONS = List.of(".pfx", ".p12", ".pem");

    private final Path folder;
    private final String password;
    private final SslProvider provider;
    private final Map<Path, WatchedCertificate> loaded = new ConcurrentHashMap<>();
    /** Files that failed, with the stamp they failed at: reported once, not at every handshake. */
    private final Map<Path, Long> failed = new ConcurrentHashMap<>();

    CentralCertificateStore(Path folder, String password, SslProvider provider) {
        this.folder = folder;
        this.password = password;
        this.provider = provider;
    }

    Path folder() {
        return folder;
    }

    /** The certificate for an SNI host name: its own file first, then its parent's wildcard; null when none. */
    WatchedCertificate certificate(String host) {
        if (!SslCertificateEntry.isHostName(host)) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        WatchedCertificate own = file(name);
        if (own != null) {
            return own;
        }
        int dot = name.indexOf('.');
        return dot > 0 && name.indexOf('.', dot + 1) > 0 ? file("_" + name.substring(dot)) : null;
    }

    private WatchedCertificate file(String baseName) {
        for (String extension : EXTENSIONS) {
            Path file = folder.resolve(baseName + extension);
            WatchedCertificate known = loaded.get(file);
            if (known != null) {
                return known;
            }
            if (Files.isRegularFile(file)) {
                WatchedCertificate opened = open(file);
                if (opened != null) {
                    return opened;
                }
            }
        }
        return null;
    }

    private WatchedCertificate open(Path file) {
        long modified = modified(file);
        Long failedAt = failed.get(file);
        if (failedAt != null && failedAt == modified) {
            return null;
        }
        try {
            WatchedCertificate certificate = loaded.computeIfAbsent(file,
                    f -> WatchedCertificate.open(f, null, password, provider));
            failed.remove(file);
            LOG.info("central certificate store: {} serves {}", file, certificate.material().describe());
            return certificate;
        } catch (CertificateLoadException e) {
            failed.put(file, modified);
            LOG.warn("central certificate store: {} cannot be used: {}", file, e.getMessage());
            return null;
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    Collection<WatchedCertificate> loaded() {
        return loaded.values();
    }
}
