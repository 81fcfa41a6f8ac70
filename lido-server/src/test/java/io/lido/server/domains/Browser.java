package io.lido.server.domains;

import io.lido.server.activation.HostProcess;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One browser for session tests: keeps the session cookie it was given ({@code Set-Cookie} of
 * {@link #cookieName}) and sends it with every later request, also on concurrent ones.
 */
final class Browser {
    private final HostProcess host;
    private final String cookieName;
    private volatile String cookie;
    private volatile String lastSetCookie;

    Browser(HostProcess host, String cookieName) {
        this.host = host;
        this.cookieName = cookieName;
    }

    /** GETs {@code path}, expects 200 and returns the body. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = host.client().send(request(path), HttpResponse.BodyHandlers.ofString());
        return checked(path, response);
    }

    /** GETs {@code path} without waiting; the future fails unless the answer is 200. */
    CompletableFuture<String> getAsync(String path) {
        return host.client().sendAsync(request(path), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> checked(path, response));
    }

    /** The session cookie's value, or null before the server set one. */
    String sessionId() {
        return cookie;
    }

    /** The full Set-Cookie header of the session cookie as last received, or null. */
    String lastSetCookie() {
        return lastSetCookie;
    }

    private HttpRequest request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(host.uri(path)).timeout(Duration.ofSeconds(30));
        String current = cookie;
        if (current != null) {
            builder.header("Cookie", cookieName + "=" + current);
        }
        return builder.build();
    }

    private String checked(String path, HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(cookieName + "=")) {
                lastSetCookie = header;
                int end = header.indexOf(';');
                cookie = header.substring(cookieName.length() + 1, end < 0 ? header.length() : end);
            }
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
