package io.lido.listener.tls;

import io.lido.listener.routing.Endpoint;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SniHandler;

import java.net.InetSocketAddress;

/** Puts TLS in front of a connection to an https endpoint: SNI lookup, then Netty's SslHandler in its place. */
public final class TlsHandshakes {
    /** A ClientHello larger than this is refused (Netty's default; real ones are under 2 KB, post-quantum ~3 KB). */
    private static final int MAX_CLIENT_HELLO = 16 * 1024;
    /** From the first byte to the finished handshake: a client that stalls longer is closed. */
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final CertificateStore store;

    public TlsHandshakes(CertificateStore store) {
        this.store = store;
    }

    /** Adds the SNI handler at the end of a new connection's pipeline. */
    public void addTo(SocketChannel channel, Endpoint endpoint) {
        String localIp = ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(new SniHandler(new SniCertificateMapping(store, endpoint, localIp), MAX_CLIENT_HELLO,
                HANDSHAKE_TIMEOUT_MILLIS));
    }
}
