package io.lido.activation;

import io.lido.ipc.HeaderList;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.nio.charset.StandardCharsets;

/** The short responses a pool sends itself: 503 (pool stopped, queue full, no worker in time) and 502. */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static void send(ResponseChannel response, int status, String text) {
        byte[] body = (status + " " + phrase(status) + ": " + text + "\r\n").getBytes(StandardCharsets.UTF_8);
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
