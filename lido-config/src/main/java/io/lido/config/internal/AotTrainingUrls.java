package io.lido.config.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Checks a pool's {@code jvmAotTrainingUrl}: the host sends that load to itself, so it must be a plain
 * {@code http://} URL on a loopback address; anything else would make the host send requests off the machine.
 */
final class AotTrainingUrls {
    private AotTrainingUrls() {
    }

    /** Why {@code url} cannot be a training URL, or null if it can. */
    static String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a URL (" + e.getReason() + ")";
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return "it must be an absolute http:// URL, such as http://127.0.0.1:8080/";
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "it may have no user information and no fragment";
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        if (!host.equalsIgnoreCase("localhost") && !isLoopbackLiteral(host)) {
            return "its host must be localhost or a loopback address (127.0.0.0/8, ::1): the host sends the"
                    + " training load to itself";
        }
        return null;
    }

    private static boolean isLoopbackLiteral(String host) {
        if (!host.matches("[0-9.]+") && !(host.contains(":") && host.matches("[0-9a-fA-F:.]+"))) {
            return false; // a name: no DNS lookup at configuration time
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
