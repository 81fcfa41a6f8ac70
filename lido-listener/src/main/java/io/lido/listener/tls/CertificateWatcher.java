package io.lido.listener.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Re-reads changed certificate files every {@link #POLL} (a poll, not inotify: certificates are often replaced by
 * renaming into a folder, on network shares too, and a poll of a few files costs nothing), and checks their expiry
 * at start and every day. One daemon thread; {@link #close()} stops it.
 */
public final class CertificateWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateWatcher.class);
    public static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration EXPIRY_CHECK = Duration.ofDays(1);

    private final ScheduledExecutorService timer;

    private CertificateWatcher(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Checks expiry now, then starts polling and the daily expiry check of what {@code certificates} gives. */
    public static CertificateWatcher start(Supplier<List<WatchedCertificate>> certificates, Clock clock,
                                           Duration poll) {
        CertificateExpiry.check(certificates.get(), clock);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lido-certificate-watcher").factory());
        timer.scheduleWithFixedDelay(() -> refresh(certificates.get()), poll.toMillis(), poll.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(() -> CertificateExpiry.check(certificates.get(), clock), EXPIRY_CHECK.toMillis(),
                EXPIRY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        return new CertificateWatcher(timer);
    }

    private static void refresh(List<WatchedCertificate> certificates) {
        for (WatchedCertificate certificate : certificates) {
            try {
                certificate.refresh();
            } catch (RuntimeException e) {
                // Never let one certificate stop the timer for the others.
                LOG.warn("re-reading the TLS certificate {} failed", certificate, e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
