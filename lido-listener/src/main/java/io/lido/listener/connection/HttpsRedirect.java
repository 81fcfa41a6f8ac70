package io.lido.listener.connection;

import io.lido.ipc.HeaderList;
import io.lido.listener.routing.Endpoint;
import io.lido.listener.routing.RequestTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The 301 of hsts {@code redirectHttpToHttps}: the same host and target on the site's first https binding. IIS
 * drops the port (it assumes 443); Lido keeps the https binding's port when it is not 443, so a site on 8080/8443
 * redirects somewhere that answers. The listener answers it without waking a worker.
 */
final class HttpsRedirect {
    private HttpsRedirect() {
    }

    static String location(String hostName, String localIp, Endpoint https, RequestTarget target) {
        String host = hostName == null || hostName.isEmpty() ? localIp : hostName;
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = https.boundPort() > 0 ? https.boundPort() : https.configuredPort();
        return "https://" + host + (port == 443 ? "" : ":" + port) + target.originForm();
    }

    static ByteBuf encode(ByteBufAllocator alloc, String location) {
        HeaderList headers = new HeaderList(3)
                .add("Location", location)
                .add("Content-Length", "0");
        ByteBuf buf = alloc.buffer(256 + location.length());
        ResponseEncoder.statusLine(buf, 301, null);
        ResponseEncoder.fields(buf, headers, false, false, true, false);
        return buf;
    }
}
