package io.lido.listener.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Warns about certificates that expire within {@link #WARNING} (or have expired): at start, then daily. */
public final class CertificateExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiry.class);
    /** IIS Manager and most monitoring warn a month ahead: time to renew through any process. */
    public static final Duration WARNING = Duration.ofDays(30);

    private CertificateExpiry() {
    }

    /**
     * Logs a warning for each certificate expiring soon.
     *
     * @return the warnings, as logged
     */
    public static List<String> check(Collection<WatchedCertificate> certificates, Clock clock) {
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        for (WatchedCertificate certificate : certificates) {
            KeyMaterial material = certificate.material();
            Instant notAfter = material.notAfter();
            if (notAfter.isBefore(now.plus(WARNING))) {
                long days = Duration.between(now, notAfter).toDays();
                String warning = notAfter.isBefore(now)
                        ? "TLS certificate " + material.source() + " expired on " + notAfter + ": clients refuse it; "
                        + "replace its files (they are re-read when they change)"
                        : "TLS certificate " + material.source() + " expires in " + days + " days, on " + notAfter
                        + ": renew it (its files are re-read when they change)";
                LOG.warn(warning);
                warnings.add(warning);
            }
        }
        return warnings;
    }
}
