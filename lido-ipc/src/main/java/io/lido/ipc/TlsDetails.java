package io.lido.ipc;

/**
 * What the listener knows about the TLS connection a request came over, for the {@code HTTPS_*} and
 * {@code CERT_*} server variables (IIS's names).
 *
 * @param protocol      the negotiated version, e.g. "TLSv1.3"; "" when the connection is not TLS
 * @param cipherSuite   the negotiated suite, e.g. "TLS_AES_128_GCM_SHA256"
 * @param keySize       the bits of the cipher's key (HTTPS_KEYSIZE, e.g. 128 or 256)
 * @param serverSubject the server certificate's subject (HTTPS_SERVER_SUBJECT, CERT_SERVER_SUBJECT)
 * @param serverIssuer  the server certificate's issuer (HTTPS_SERVER_ISSUER, CERT_SERVER_ISSUER)
 */
public record TlsDetails(String protocol, String cipherSuite, int keySize, String serverSubject,
                         String serverIssuer) {
    /** A connection without TLS. */
    public static final TlsDetails NONE = new TlsDetails("", "", 0, "", "");

    /** The key bits of a TLS 1.2 or 1.3 cipher suite name (AES_128, AES_256, CHACHA20 = 256), 0 when unknown. */
    public static int keySize(String cipherSuite) {
        if (cipherSuite.contains("AES_128")) {
            return 128;
        }
        if (cipherSuite.contains("AES_256") || cipherSuite.contains("CHACHA20")) {
            return 256;
        }
        return 0;
    }
}
