package io.lido.listener.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A server certificate chain (leaf first) with its private key, as read from its files.
 *
 * @param source what it was read from, for messages (the file names)
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain, String source) {
    public KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + source);
        }
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** The subject and its DNS subject alternative names, for logs. */
    public String describe() {
        List<String> names = new ArrayList<>();
        try {
            if (leaf().getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf().getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable alternative names)");
        }
        return leaf().getSubjectX500Principal().getName() + (names.isEmpty() ? "" : " " + names)
                + ", valid until " + notAfter();
    }
}
