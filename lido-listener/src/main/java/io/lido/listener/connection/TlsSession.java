package io.lido.listener.connection;

import io.lido.ipc.TlsDetails;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** Reads a TLS connection's negotiated protocol, cipher and server certificate for the request heads. */
final class TlsSession {
    private TlsSession() {
    }

    static TlsDetails details(ChannelPipeline pipeline) {
        SslHandler ssl = pipeline.get(SslHandler.class);
        if (ssl == null) {
            return TlsDetails.NONE;
        }
        SSLSession session = ssl.engine().getSession();
        String subject = "";
        String issuer = "";
        Certificate[] local = session.getLocalCertificates();
        if (local != null && local.length > 0 && local[0] instanceof X509Certificate x509) {
            subject = x509.getSubjectX500Principal().getName();
            issuer = x509.getIssuerX500Principal().getName();
        }
        String cipher = session.getCipherSuite();
        return new TlsDetails(session.getProtocol(), cipher, TlsDetails.keySize(cipher), subject, issuer);
    }
}
