package io.lido.listener.tls;

/** A certificate or key file that cannot be used; the message names the file and why. */
public final class CertificateLoadException extends RuntimeException {
    public CertificateLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public CertificateLoadException(String message) {
        super(message);
    }
}
