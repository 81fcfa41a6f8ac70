package io.lido.api;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The request being executed. Reading the body ({@link #body()}, {@link #form}) consumes it; the form is
 * parsed from the body on first use when the content type is {@code application/x-www-form-urlencoded}.
 */
public interface HttpRequest {

    /** The method, e.g. "GET". */
    String method();

    /** The decoded path, starting with '/' (ASP.NET {@code Request.Path}). */
    String path();

    /** The request-target as received (ASP.NET {@code Request.RawUrl}). */
    String rawUrl();

    /** The raw query string without '?', or "". */
    String queryString();

    /** The first value of a query parameter, or null. */
    String query(String name);

    /** Every query parameter with all its values, in order. */
    Map<String, List<String>> queryParameters();

    /** The first value of an urlencoded form field, or null. */
    String form(String name);

    /** Every urlencoded form field with its values, in order. */
    Map<String, List<String>> formFields();

    /** The first value of a header, or null. */
    String header(String name);

    /** Every value of a header, in order. */
    List<String> headers(String name);

    /** The names of the request headers, in order, without duplicates. */
    List<String> headerNames();

    /** A cookie's value, or null. */
    String cookie(String name);

    /** Every request cookie by name. */
    Map<String, String> cookies();

    /** The body as a stream (empty when there is none). */
    InputStream body();

    /** The Content-Length, or -1 when it is unknown (chunked). */
    long contentLength();

    /** The Content-Type, or null. */
    String contentType();

    /** The client's IP address. */
    String remoteAddress();

    /** Whether the client is on this machine (loopback), which decides detailed error pages. */
    boolean isLocal();

    /** Whether the connection is TLS. */
    boolean isSecure();

    /** The Host header. */
    String host();

    /** "HTTP/1.1" or "HTTP/1.0". */
    String protocol();

    /** The application's virtual path, "/" or "/app". */
    String applicationPath();

    /** The path relative to the application, starting with "~/" (ASP.NET AppRelativeCurrentExecutionFilePath). */
    String appRelativePath();

    /** The physical file or folder the path maps to (it may not exist). */
    java.nio.file.Path physicalPath();

    /**
     * A server variable by its IIS name, as ASP.NET's {@code Request.ServerVariables[name]} (case-insensitive):
     * {@code HTTPS} ("on"/"off"), {@code SERVER_PORT_SECURE} ("1"/"0"), {@code HTTPS_PROTOCOL} (Lido's, e.g.
     * "TLSv1.3"), {@code HTTPS_CIPHER} (Lido's), {@code HTTPS_KEYSIZE}, {@code HTTPS_SECRETKEYSIZE},
     * {@code HTTPS_SERVER_SUBJECT}, {@code HTTPS_SERVER_ISSUER}, the {@code CERT_*} variables (no client certificate
     * yet: {@code CERT_FLAGS} "0", {@code CERT_SUBJECT} ""; {@code CERT_KEYSIZE} and {@code CERT_SERVER_*} describe the
     * connection and server certificate), {@code SERVER_NAME}, {@code SERVER_PORT}, {@code SERVER_PROTOCOL},
     * {@code AUTH_TYPE}, {@code AUTH_USER}, {@code REMOTE_USER} and {@code LOGON_USER} (the authenticated user's
     * scheme and name, "" for an anonymous request; Lido logs on no one, so LOGON_USER is the same name),
     * {@code REMOTE_ADDR}, {@code REMOTE_HOST}, {@code REMOTE_PORT}, {@code LOCAL_ADDR}, {@code REQUEST_METHOD},
     * {@code URL}, {@code PATH_INFO}, {@code QUERY_STRING}, {@code INSTANCE_ID}, and {@code HTTP_<FIELD>} for a
     * request header (dashes as underscores).
     *
     * @return the value, or null for a name the server does not know
     */
    default String serverVariable(String name) {
        return null;
    }
}
