package io.lido.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executors;

/**
 * Lido's management service ({@code system.applicationHost/managementService}, IIS's WMSvc in spirit): an admin
 * binding apart from the sites, on a loopback address only (remote connections wait for HTTPS), that serves the
 * Prometheus text endpoint {@code GET /metrics} ({@link LidoMetrics}). Every request needs
 * {@code Authorization: Bearer TOKEN}; the token is made once, kept in {@code work/management.token} (mode 600,
 * readable by Lido's user only), and reused across restarts so that a scraper's configuration keeps working.
 * Served by the JDK's HTTP server on virtual threads: an operator's endpoint, never on a site's hot path.
 */
final class ManagementService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementService.class);
    static final String SECTION = "system.applicationHost/managementService";
    static final String TOKEN_FILE = "management.token";

    private final HttpServer server;
    private final PrometheusRegistry registry;
    private final byte[] expected;

    private ManagementService(HttpServer server, PrometheusRegistry registry, String token) {
        this.server = server;
        this.registry = registry;
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts the service when the configuration enables it; null when it does not.
     *
     * @throws ConfigException when its bindingInformation is not a loopback IP:port
     */
    static ManagementService startIfEnabled(ServerConfig config, Path work, LidoMetrics metrics) {
        ConfigElement section = config.section(SECTION);
        if (!section.bool("enabled")) {
            return null;
        }
        InetSocketAddress address = loopback(section);
        String token = token(work.resolve(TOKEN_FILE));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(metrics);
        try {
            HttpServer server = HttpServer.create(address, 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            ManagementService service = new ManagementService(server, registry, token);
            server.createContext("/", service::handle);
            server.start();
            LOG.info("Management service listening on http://{}:{}/metrics (token in {})",
                    address.getAddress().getHostAddress(), server.getAddress().getPort(), work.resolve(TOKEN_FILE));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the management service's binding " + address + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks the section before anything starts, so that a wrong binding stops Lido before it binds a site.
     *
     * @throws ConfigException when its bindingInformation is not a loopback IP:port
     */
    static void validate(ServerConfig config) {
        ConfigElement section = config.section(SECTION);
        if (section.bool("enabled")) {
            loopback(section);
        }
    }

    /** The bound port (the real one when the binding asked for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private static InetSocketAddress loopback(ConfigElement section) {
        String binding = section.attribute("bindingInformation");
        int colon = binding.lastIndexOf(':');
        String ip = colon < 0 ? "" : binding.substring(0, colon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        try {
            int port = Integer.parseInt(binding.substring(colon + 1));
            if (port < 0 || port > 65535 || ip.isEmpty() || !Character.isLetterOrDigit(ip.charAt(0))
                    && ip.charAt(0) != ':') {
                throw new NumberFormatException();
            }
            InetAddress address = InetAddress.ofLiteral(ip);
            if (!address.isLoopbackAddress()) {
                throw new ConfigException(section.location().orElse(null), "<managementService"
                        + " bindingInformation=\"" + binding + "\">: only a loopback address (127.0.0.1, [::1]) is"
                        + " supported yet: remote connections are not supported yet (they need HTTPS)");
            }
            return new InetSocketAddress(address, port);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(section.location().orElse(null), "<managementService bindingInformation=\""
                    + binding + "\">: expected a loopback IP:port such as 127.0.0.1:8172");
        }
    }

    /** The token of the file, or a new one written there (600) when there is none. */
    static String token(Path file) {
        try {
            if (Files.exists(file)) {
                if (!Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"))) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
                String kept = Files.readString(file).trim();
                if (kept.length() >= 32) {
                    return kept;
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            Path next = file.resolveSibling(TOKEN_FILE + ".new");
            Files.deleteIfExists(next);
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, token + "\n");
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the management token in " + file + ": " + e.getMessage(), e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            // Constant-time: the token must not leak through the time a wrong guess takes.
            if (authorization == null || !MessageDigest.isEqual(expected,
                    authorization.getBytes(StandardCharsets.UTF_8))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"Lido management\"");
                send(exchange, 401, "text/plain; charset=utf-8", "401 the management token is missing or wrong\n"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "404 try /metrics\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", new byte[0]);
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
            PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
            writer.write(body, registry.scrape());
            send(exchange, 200, writer.getContentType(), body.toByteArray());
        } catch (RuntimeException e) {
            LOG.error("Management service: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
