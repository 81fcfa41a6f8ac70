package io.lido.listener.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;

/**
 * What ALPN offers on a binding (RFC 7301). Lido's listener speaks HTTP/1.1 only for now, so that is all it offers;
 * this is where h2 joins (first, unless the binding's sslFlags has 4, "disable HTTP/2") once the listener speaks it.
 */
public final class ProtocolSelection {
    private ProtocolSelection() {
    }

    /** The ALPN configuration of a binding with these sslFlags. */
    static ApplicationProtocolConfig forBinding(int sslFlags) {
        // NO_ADVERTISE + ACCEPT: a client that offers only h2 still gets a connection (and HTTP/1.1), as without ALPN.
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_1_1);
    }
}
