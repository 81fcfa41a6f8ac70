package io.lido.servlet;

import io.lido.ipc.RequestHead;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.Attributes;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

/**
 * What Jetty asks about the connection a request came on, answered from Lido's routed head: the client's and the
 * local address (so {@code getRemoteAddr()}, {@code getLocalPort()} are the real ones), TLS, the HTTP version and
 * keep-alive. There is no Jetty {@link Connection} behind it: the connection is the listener's.
 */
final class ExchangeMetaData implements ConnectionMetaData {
    private final RequestHead head;
    private final Connector connector;
    private final HttpConfiguration configuration;
    private final Attributes attributes = new Attributes.Lazy();

    ExchangeMetaData(RequestHead head, Connector connector, HttpConfiguration configuration) {
        this.head = head;
        this.connector = connector;
        this.configuration = configuration;
    }

    @Override
    public String getId() {
        return "lido-" + head.id();
    }

    @Override
    public HttpConfiguration getHttpConfiguration() {
        return configuration;
    }

    @Override
    public HttpVersion getHttpVersion() {
        return head.httpMinorVersion() == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    @Override
    public String getProtocol() {
        return getHttpVersion().asString();
    }

    @Override
    public Connection getConnection() {
        return null;
    }

    @Override
    public Connector getConnector() {
        return connector;
    }

    @Override
    public boolean isPersistent() {
        return head.keepAlive();
    }

    @Override
    public boolean isSecure() {
        return head.secure();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return address(head.remoteAddress(), head.remotePort());
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return address(head.localAddress(), head.localPort());
    }

    private static SocketAddress address(String ip, int port) {
        try {
            // A literal from the listener: no name lookup happens.
            return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
        } catch (IllegalArgumentException e) {
            return InetSocketAddress.createUnresolved(ip, port);
        }
    }

    @Override
    public Object removeAttribute(String name) {
        return attributes.removeAttribute(name);
    }

    @Override
    public Object setAttribute(String name, Object attribute) {
        return attributes.setAttribute(name, attribute);
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNameSet() {
        return attributes.getAttributeNameSet();
    }

    @Override
    public void clearAttributes() {
        attributes.clearAttributes();
    }
}
