package io.lido.activation;

import io.lido.ipc.HeaderList;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.nio.charset.StandardCharsets;

/**
 * The short responses a pool sends itself: 503 (pool stopped, queue full, no worker in time) and 502. The detail
 * (pool names, pids, the link's error text) is for local clients only, as IIS's DetailedLocalOnly: a remote client
 * gets the status line's words and nothing about the machine.
 */
final class ErrorResponses {
    private ErrorResponses() {
    }

    /** @param detail what happened, or null for a remote client (the body is the status and its phrase) */
    static void send(ResponseChannel response, int status, String detail) {
        String text = status + " " + phrase(status) + (detail == null ? "" : ": " + detail) + "\r\n";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        HeaderList headers = new HeaderList(3)
                .add("Content-Type", "text/plain; charset=utf-8")
                .add("Content-Length", Integer.toString(body.length));
        if (status == 503) {
            // RFC 9110 §10.2.3: a hint for well-behaved clients; the pool is usually back within seconds.
            headers.add("Retry-After", "1");
        }
        response.sendHead(new ResponseHead(status, 0, null, headers, null));
        response.sendBody(body, 0, body.length);
        response.end();
    }

    private static String phrase(int status) {
        return switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
