package io.lido.servlet;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;
import io.lido.ipc.RequestHead;
import io.lido.runtime.RequestContext;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.NanoTime;

/**
 * The mapped handler of a web application (IIS's handler mapping, with the servlet container as the handler): hands
 * the request, as Lido's listener parsed it, to Jetty's channel, and blocks until Jetty completed it. Lido's
 * pipeline runs around it, so request filtering and the other modules have seen the request first and its
 * logging, custom errors and end events see the servlet's response.
 */
final class ServletContainerHandler implements HttpHandler {
    private final Connector connector;
    private final HttpConfiguration configuration;
    private final HttpChannel.Factory channels = new HttpChannel.DefaultFactory();

    ServletContainerHandler(Connector connector, HttpConfiguration configuration) {
        this.connector = connector;
        this.configuration = configuration;
    }

    @Override
    public void processRequest(HttpContext context) throws Exception {
        RequestContext request = (RequestContext) context;
        RequestHead head = request.head();
        ExchangeMetaData connection = new ExchangeMetaData(head, connector, configuration);
        HttpChannel channel = channels.newHttpChannel(connection);
        ExchangeStream stream = new ExchangeStream(request, channel);
        channel.setHttpStream(stream);
        stream.execute(metaData(head, connection));
    }

    /** Jetty's request line and fields from Lido's head: what the listener parsed, with nothing parsed again. */
    private static MetaData.Request metaData(RequestHead head, ExchangeMetaData connection) {
        HttpFields.Mutable fields = HttpFields.build(head.headers().size());
        for (int i = 0; i < head.headers().size(); i++) {
            fields.add(head.headers().name(i), head.headers().value(i));
        }
        HttpURI.Mutable uri = HttpURI.build().scheme(head.secure() ? "https" : "http");
        String host = head.headers().get("Host");
        if (host != null && !host.isEmpty()) {
            HostPort authority = new HostPort(host);
            uri.host(authority.getHost());
            if (authority.getPort() > 0) {
                uri.port(authority.getPort());
            }
        } else {
            uri.host(head.localAddress()).port(head.localPort());
        }
        uri.pathQuery(head.rawTarget());
        return new MetaData.Request(NanoTime.now(), head.method(), uri.asImmutable(), connection.getHttpVersion(),
                fields, head.contentLength());
    }

    @Override
    public String toString() {
        return "ServletContainerHandler";
    }
}
