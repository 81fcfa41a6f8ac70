package io.lido.listener.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Which TLS implementation serves handshakes: OpenSSL (BoringSSL through netty-tcnative, statically linked, so it
 * needs no system library) when it loads, the JDK's engine otherwise. {@code -Dlido.tls.engine=openssl|jdk|auto}
 * (default auto) forces one; openssl where it cannot load is an error, not a silent fallback.
 */
public final class TlsEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TlsEngine.class);
    public static final String PROPERTY = "lido.tls.engine";

    private TlsEngine() {
    }

    /** The provider {@value #PROPERTY} asks for. */
    public static SslProvider provider() {
        return provider(System.getProperty(PROPERTY, "auto"));
    }

    static SslProvider provider(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "jdk" -> SslProvider.JDK;
            case "openssl" -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=openssl but OpenSSL (netty-tcnative) does not "
                            + "load here: " + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
            case "auto" -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + setting
                    + " is not a TLS engine (allowed: auto, openssl, jdk)");
        };
    }

    /** Logs which engine serves TLS, and why OpenSSL does not when it does not. */
    public static void announce(SslProvider provider) {
        if (provider == SslProvider.OPENSSL) {
            LOG.info("TLS engine: OpenSSL ({})", OpenSsl.versionString());
        } else if (OpenSsl.isAvailable()) {
            LOG.info("TLS engine: the JDK's (-D{}=jdk)", PROPERTY);
        } else {
            LOG.info("TLS engine: the JDK's (OpenSSL does not load: {})", String.valueOf(OpenSsl.unavailabilityCause()));
        }
    }
}
