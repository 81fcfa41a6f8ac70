package io.lido.runtime.internal;

import io.lido.ipc.HeaderList;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.nio.charset.StandardCharsets;

/** Complete error responses sent without a pipeline (no application instance is available). */
public final class PlainResponses {
    private PlainResponses() {
    }

    /** 503 for requests that arrive while the application is not running (IIS: "HTTP Error 503"). */
    public static void serviceUnavailable(ResponseChannel channel) {
        send(channel, 503, 0);
    }

    /** Sends the generic IIS-style page for a status and ends the response. */
    static void send(ResponseChannel channel, int status, int subStatus) {
        byte[] body = ErrorPageHtml.generic(status, subStatus).getBytes(StandardCharsets.UTF_8);
        HeaderList headers = new HeaderList(2)
                .add("Content-Type", "text/html; charset=utf-8")
                .add("Content-Length", Integer.toString(body.length));
        channel.sendHead(new ResponseHead(status, subStatus, null, headers, null));
        channel.sendBody(body, 0, body.length);
        channel.end();
    }
}
