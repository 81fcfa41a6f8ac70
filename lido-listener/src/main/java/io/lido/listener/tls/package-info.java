/**
 * HTTPS the way HTTP.sys does it: the certificate of a TLS connection is picked at the handshake from the
 * binding that matches the connection's local address and the client's SNI host name, by the binding's
 * {@code sslFlags} — 0 the {@code ipPort} entry of {@code system.applicationHost/sslCertificates} (netsh's
 * {@code ipport=}), 1 (SNI) its {@code hostnamePort} entry, 2 the central certificate store's
 * {@code <host>.pfx} (or {@code _.<parent>.pfx}). {@link io.lido.listener.tls.CertificateStore} holds both
 * stores, {@link io.lido.listener.tls.WatchedCertificate} one certificate that is re-read when its files change,
 * {@link io.lido.listener.tls.TlsPolicy} the protocols and ciphers (TLS 1.2 and 1.3, AEAD with forward secrecy),
 * {@link io.lido.listener.tls.TlsEngine} OpenSSL (BoringSSL via netty-tcnative) or the JDK's engine.
 */
package io.lido.listener.tls;
