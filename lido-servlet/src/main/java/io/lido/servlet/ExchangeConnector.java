package io.lido.servlet;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;

/**
 * The Jetty connector of a Lido-hosted web application: it owns the scheduler and buffer pool Jetty's request
 * handling needs, and accepts nothing (no acceptor thread, no socket). Requests reach Jetty from Lido's listener
 * through {@link ExchangeStream}.
 */
final class ExchangeConnector extends AbstractConnector {

    /**
     * The HTTP/1.1 connection factory is the connector's default protocol (Jetty requires one) and how Jetty's code
     * finds the {@code configuration} of its connector; it never makes a connection, as nothing is accepted.
     */
    ExchangeConnector(Server server, HttpConfiguration configuration) {
        super(server, null, null, null, 0, new HttpConnectionFactory(configuration));
        setName("lido");
    }

    @Override
    protected void accept(int acceptorID) {
        throw new UnsupportedOperationException("requests come from Lido's listener, never from a socket of Jetty's");
    }

    @Override
    public Object getTransport() {
        return null;
    }
}
