package io.lido.listener.testing;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A JDK TLS client for socket tests: connects, says an SNI name (or none), and reports the certificate the server
 * chose and the protocol it negotiated; then sends one raw HTTP/1.1 request with Connection: close. It accepts any
 * server certificate: the tests check which one they got, not that a CA signed it.
 */
public final class TlsClient {
    private TlsClient() {
    }

    /** What one connection saw. */
    public record Result(X509Certificate certificate, String protocol, String applicationProtocol, String response) {
        public String subject() {
            return certificate.getSubjectX500Principal().getName();
        }
    }

    /**
     * @param sni       the SNI host name, or null for none
     * @param protocols the versions the client offers, e.g. "TLSv1.3", "TLSv1.2"
     * @param request   a raw request, or null to only handshake
     */
    public static Result exchange(int port, String sni, String request, String... protocols) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                if (protocols.length > 0) {
                    parameters.setProtocols(protocols);
                }
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                String response = null;
                if (request != null) {
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                return new Result(certificate, socket.getSession().getProtocol(), socket.getApplicationProtocol(),
                        response);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
