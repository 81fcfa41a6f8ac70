package io.lido.listener.tls;

import io.lido.config.SiteConfig;
import io.lido.listener.routing.Endpoint;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;

import java.util.Locale;

/**
 * Netty's SNI lookup for one connection: the client's host name (null without SNI) and the connection's local
 * address pick the binding, as the Host header later picks the site; the binding's sslFlags pick the store. Runs
 * on the event loop at the ClientHello; a central store file is read there on its first use only.
 */
final class SniCertificateMapping implements Mapping<String, SslContext> {
    private final CertificateStore store;
    private final Endpoint endpoint;
    private final String localIp;

    SniCertificateMapping(CertificateStore store, Endpoint endpoint, String localIp) {
        this.store = store;
        this.endpoint = endpoint;
        this.localIp = localIp;
    }

    @Override
    public SslContext map(String hostname) {
        String host = hostname == null ? "" : hostname.toLowerCase(Locale.ROOT);
        SiteConfig.Binding binding = endpoint.binding(localIp, host);
        if (binding == null) {
            throw new NoCertificateException("no https binding of " + endpoint + " matches the SNI name '" + host
                    + "' on " + localIp);
        }
        WatchedCertificate certificate = store.certificate(binding, localIp, hostname == null ? null : host);
        if (certificate == null) {
            throw new NoCertificateException("no certificate for the SNI name '" + host + "' on " + localIp + ":"
                    + binding.port() + " (binding sslFlags " + binding.sslFlags() + ")");
        }
        return certificate.context(binding.sslFlags());
    }

    /** The handshake cannot go on: the connection is closed (HTTP.sys resets it too). */
    static final class NoCertificateException extends RuntimeException {
        NoCertificateException(String message) {
            super(message, null, false, false);
        }
    }
}
