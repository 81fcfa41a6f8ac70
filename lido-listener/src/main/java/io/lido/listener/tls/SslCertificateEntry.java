package io.lido.listener.tls;

import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;
import io.lido.config.SourceLocation;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code system.applicationHost/sslCertificates/add}, netsh's {@code http add sslcert}: {@code ipPort="IP:port"}
 * (0.0.0.0 or [::] for every address) or {@code hostnamePort="host:port"} naming a {@code certificateFile} (PEM or
 * PKCS#12), its {@code keyFile} (PEM; absent when the certificate file holds the key) and the {@code password} of
 * either; Lido's {@code createSelfSigned="true"} makes a self-signed pair for the host there when none exists.
 *
 * @param key "ip:port" (canonical IP) or "host:port" (lower case)
 */
public record SslCertificateEntry(boolean byHost, String key, Path certificateFile, Path keyFile, String password,
                                  boolean createSelfSigned, SourceLocation location) {
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** Reads and checks one entry; relative files are relative to {@code configFolder}. */
    static SslCertificateEntry from(ConfigElement add, Path configFolder) {
        SourceLocation at = add.location().orElse(null);
        String ipPort = add.attribute("ipPort").trim();
        String hostnamePort = add.attribute("hostnamePort").trim();
        if (ipPort.isEmpty() == hostnamePort.isEmpty()) {
            throw new ConfigException(at, "<add> of <sslCertificates> needs exactly one of the attributes \"ipPort\" "
                    + "and \"hostnamePort\" (e.g. ipPort=\"0.0.0.0:443\" or hostnamePort=\"www.example.com:443\")");
        }
        boolean byHost = !hostnamePort.isEmpty();
        String key = byHost ? hostPort(hostnamePort, at) : ipPort(ipPort, at);
        String certificate = add.attribute("certificateFile").trim();
        if (certificate.isEmpty()) {
            throw new ConfigException(at, "<add " + (byHost ? "hostnamePort" : "ipPort") + "=\""
                    + (byHost ? hostnamePort : ipPort) + "\"> of <sslCertificates> attribute \"certificateFile\" is "
                    + "missing (allowed: a .pem/.crt file with a keyFile, a .pem with its key, or a .pfx/.p12 file)");
        }
        String keyText = add.attribute("keyFile").trim();
        return new SslCertificateEntry(byHost, key, configFolder.resolve(certificate).normalize(),
                keyText.isEmpty() ? null : configFolder.resolve(keyText).normalize(), add.attribute("password"),
                add.bool("createSelfSigned"), at);
    }

    /** The element as written, for messages. */
    String describe() {
        return "<add " + (byHost ? "hostnamePort" : "ipPort") + "=\"" + key + "\">";
    }

    /** The host a self-signed certificate is made for: the entry's host, or localhost for an ipPort entry. */
    String selfSignedHost() {
        return byHost ? key.substring(0, key.lastIndexOf(':')) : "localhost";
    }

    static String ipPort(String text, SourceLocation at) {
        int colon = text.lastIndexOf(':');
        String ip = colon < 0 ? "" : text.substring(0, colon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        try {
            return InetAddress.ofLiteral(ip).getHostAddress() + ":" + port(text.substring(colon + 1), text, at);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at, "<add> of <sslCertificates> attribute \"ipPort\": \"" + text
                    + "\" is not IP:port (allowed: e.g. 0.0.0.0:443, 127.0.0.1:8443, [::]:443)");
        }
    }

    private static String hostPort(String text, SourceLocation at) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            throw new ConfigException(at, "<add> of <sslCertificates> attribute \"hostnamePort\": \"" + text
                    + "\" is not host:port (allowed: e.g. www.example.com:443)");
        }
        return host + ":" + port(text.substring(colon + 1), text, at);
    }

    private static int port(String text, String whole, SourceLocation at) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(at, "<add> of <sslCertificates>: the port of \"" + whole
                + "\" is not a whole number in 0..65535");
    }

    /** Whether a host name is safe to use as a file name and a lookup key (a letter-digit-hyphen DNS name). */
    static boolean isHostName(String host) {
        return host != null && host.length() <= 253 && HOST.matcher(host).matches();
    }
}
