package io.lido.listener.tls;

import io.lido.config.SiteConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.SSLException;
import java.util.List;

/**
 * Protocols and ciphers: TLS 1.3 and 1.2 only (sslFlags 32 takes 1.3 away; 64, "no legacy TLS", is what Lido does
 * anyway), and for 1.2 only ECDHE key exchange with AEAD ciphers — forward secrecy, no CBC, no RSA key transport,
 * Mozilla's "intermediate" list. The server's preference order decides.
 */
public final class TlsPolicy {
    static final List<String> CIPHERS = List.of(
            // TLS 1.3 (always these three in OpenSSL; listed for the JDK engine)
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            // TLS 1.2
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    /** Resumed sessions for a day at most, as the tickets' keys are never rotated otherwise. */
    private static final long SESSION_TIMEOUT_SECONDS = 24 * 3600;

    private TlsPolicy() {
    }

    /** The protocol versions a binding with these sslFlags allows. */
    static String[] protocols(int sslFlags) {
        return (sslFlags & SiteConfig.Binding.NO_TLS13) != 0 ? new String[] {"TLSv1.2"}
                : new String[] {"TLSv1.3", "TLSv1.2"};
    }

    /** A server context for this key material on a binding with these sslFlags. */
    static SslContext context(KeyMaterial material, int sslFlags, SslProvider provider) {
        try {
            return SslContextBuilder.forServer(material.key(), material.chain())
                    .sslProvider(provider)
                    .protocols(protocols(sslFlags))
                    .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(ProtocolSelection.forBinding(sslFlags))
                    .sessionTimeout(SESSION_TIMEOUT_SECONDS)
                    .build();
        } catch (SSLException e) {
            throw new CertificateLoadException("cannot make a TLS context of " + material.source() + ": "
                    + e.getMessage(), e);
        }
    }
}
