package io.lido.runtime.internal;

import io.lido.ipc.HeaderList;
import io.lido.ipc.Loopback;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.nio.charset.StandardCharsets;

/** Complete error responses sent without a pipeline (no application instance is available). */
public final class PlainResponses {
    private static final String HTML_UTF8 = "text/html; charset=utf-8";

    private PlainResponses() {
    }

    /** 503 for requests that arrive while the application is not running (IIS: "HTTP Error 503"). */
    public static void serviceUnavailable(ResponseChannel channel) {
        send(channel, 503, 0);
    }

    /**
     * 503 for an application whose domain failed to start: the detailed page with the startup error for
     * a local request, the generic page for a remote one (IIS's DetailedLocalOnly).
     */
    public static void startupFailed(ResponseChannel channel, RequestHead head, Throwable startupError) {
        if (!Loopback.isLocal(head.remoteAddress(), head.localAddress())) {
            send(channel, 503, 0);
            return;
        }
        RequestFailure failure = new RequestFailure(startupError, "application start", null);
        String html = ErrorPageHtml.detailed(503, 0, head.rawTarget(), null, "", failure);
        send(channel, 503, 0, HTML_UTF8, html.getBytes(StandardCharsets.UTF_8));
    }

    /** 503 with the content of the application's app_offline.htm, as IIS serves it. */
    public static void offline(ResponseChannel channel, byte[] page) {
        // The file's own encoding is unknown (a meta charset inside it still applies), so no charset is claimed.
        send(channel, 503, 0, "text/html", page);
    }

    /** Sends the generic IIS-style page for a status and ends the response. */
    static void send(ResponseChannel channel, int status, int subStatus) {
        send(channel, status, subStatus, HTML_UTF8, ErrorPageHtml.generic(status, subStatus).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(ResponseChannel channel, int status, int subStatus, String contentType, byte[] body) {
        HeaderList headers = new HeaderList(2)
                .add("Content-Type", contentType)
                .add("Content-Length", Integer.toString(body.length));
        channel.sendHead(new ResponseHead(status, subStatus, null, headers, null));
        channel.sendBody(body, 0, body.length);
        channel.end();
    }
}
