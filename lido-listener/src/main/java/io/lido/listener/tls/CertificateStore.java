package io.lido.listener.tls;

import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.netty.handler.ssl.SslProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Both of Lido's certificate stores: the {@code sslCertificates} table (netsh's {@code ipport=} and
 * {@code hostnameport=} entries) and the central certificate store; {@link #certificate} picks the one a handshake
 * gets the way HTTP.sys does for a binding's sslFlags. Built once at start: every table entry is read then (a
 * broken one stops the start with its file:line); central store files are read on first use.
 */
public final class CertificateStore {
    public static final String TABLE_SECTION = "system.applicationHost/sslCertificates";
    public static final String CENTRAL_SECTION = "system.applicationHost/centralCertificateStore";

    private final Map<String, WatchedCertificate> byIpPort;
    private final Map<String, WatchedCertificate> byHostPort;
    private final CentralCertificateStore central;
    private final SslProvider provider;

    private CertificateStore(Map<String, WatchedCertificate> byIpPort, Map<String, WatchedCertificate> byHostPort,
                             CentralCertificateStore central, SslProvider provider) {
        this.byIpPort = byIpPort;
        this.byHostPort = byHostPort;
        this.central = central;
        this.provider = provider;
    }

    /**
     * Reads every {@code sslCertificates} entry (making the self-signed ones that are missing) and checks that
     * every https binding has a certificate.
     *
     * @throws ConfigException naming the entry or binding that cannot work
     */
    public static CertificateStore from(ServerConfig config, SslProvider provider, Clock clock) {
        Path folder = config.file().toAbsolutePath().getParent();
        Map<String, WatchedCertificate> byIpPort = new LinkedHashMap<>();
        Map<String, WatchedCertificate> byHostPort = new LinkedHashMap<>();
        for (ConfigElement add : config.section(TABLE_SECTION).collection()) {
            SslCertificateEntry entry = SslCertificateEntry.from(add, folder);
            if (entry.createSelfSigned()) {
                SelfSignedCertificate.ensure(entry.certificateFile(), entry.keyFile(), entry.selfSignedHost(), clock);
            }
            WatchedCertificate certificate;
            try {
                certificate = WatchedCertificate.open(entry.certificateFile(), entry.keyFile(), entry.password(),
                        provider);
            } catch (CertificateLoadException e) {
                throw new ConfigException(entry.location(), entry.describe() + " of <sslCertificates> attribute "
                        + "\"certificateFile\": " + e.getMessage());
            }
            (entry.byHost() ? byHostPort : byIpPort).put(entry.key(), certificate);
        }
        ConfigElement ccs = config.section(CENTRAL_SECTION);
        CentralCertificateStore central = null;
        if (ccs.bool("enabled")) {
            Path path = folder.resolve(ccs.attribute("physicalPath").trim()).normalize();
            if (ccs.attribute("physicalPath").isBlank() || !Files.isDirectory(path)) {
                throw new ConfigException(ccs.location().orElse(null), "<centralCertificateStore> attribute "
                        + "\"physicalPath\": \"" + ccs.attribute("physicalPath") + "\" is not an existing folder ("
                        + path + ")");
            }
            central = new CentralCertificateStore(path, ccs.attribute("privateKeyPassword"), provider);
        }
        CertificateStore store = new CertificateStore(byIpPort, byHostPort, central, provider);
        store.checkBindings(config);
        return store;
    }

    /** Refuses an https binding no store can ever serve, as IIS's "no certificate" binding fails every handshake. */
    private void checkBindings(ServerConfig config) {
        for (SiteConfig site : config.sites()) {
            for (SiteConfig.Binding b : site.bindings()) {
                if (!b.secure() || !site.serverAutoStart()) {
                    continue;
                }
                String where = "<binding protocol=\"https\" bindingInformation=\"" + b.ip() + ":" + b.port() + ":"
                        + b.host() + "\" sslFlags=\"" + b.sslFlags() + "\"> of site \"" + site.name() + "\"";
                if ((b.sslFlags() & SiteConfig.Binding.CENTRAL_CERTIFICATE_STORE) != 0) {
                    if (central == null) {
                        throw new ConfigException(b.location(), where + ": sslFlags 2 (central certificate store) "
                                + "needs <centralCertificateStore enabled=\"true\" physicalPath=\"...\"> in "
                                + "system.applicationHost");
                    }
                } else if ((b.sslFlags() & SiteConfig.Binding.SNI) != 0) {
                    if (b.host().isEmpty()) {
                        throw new ConfigException(b.location(), where + ": sslFlags 1 (SNI) needs a host name in "
                                + "bindingInformation");
                    }
                    if (!byHostPort.containsKey(b.host() + ":" + b.port())) {
                        throw new ConfigException(b.location(), where + ": no <sslCertificates> entry has "
                                + "hostnamePort=\"" + b.host() + ":" + b.port() + "\"");
                    }
                } else if (ipPort(b.ip().equals("*") ? "0.0.0.0" : b.ip(), b.port()) == null) {
                    throw new ConfigException(b.location(), where + ": no <sslCertificates> entry has ipPort=\""
                            + (b.ip().equals("*") ? "0.0.0.0:" + b.port() + "\""
                            : b.ip() + ":" + b.port() + "\" or ipPort=\"0.0.0.0:" + b.port() + "\""));
                }
            }
        }
    }

    /**
     * The certificate of a handshake.
     *
     * @param binding the binding the connection's local address and SNI name match
     * @param localIp the connection's local address (canonical text)
     * @param sniHost the SNI host name, or null when the client sent none
     * @return the certificate, or null when none fits (the handshake fails)
     */
    public WatchedCertificate certificate(SiteConfig.Binding binding, String localIp, String sniHost) {
        int flags = binding.sslFlags();
        if ((flags & SiteConfig.Binding.CENTRAL_CERTIFICATE_STORE) != 0) {
            return central == null || sniHost == null ? null : central.certificate(sniHost);
        }
        if ((flags & SiteConfig.Binding.SNI) != 0) {
            // The binding was matched by this host name (or the client sent none and it is the only one there).
            return byHostPort.get(binding.host() + ":" + binding.port());
        }
        return ipPort(localIp, binding.port());
    }

    private WatchedCertificate ipPort(String ip, int port) {
        WatchedCertificate exact = byIpPort.get(ip + ":" + port);
        if (exact != null) {
            return exact;
        }
        WatchedCertificate any = byIpPort.get("0.0.0.0:" + port);
        return any != null ? any : byIpPort.get("0:0:0:0:0:0:0:0:" + port);
    }

    /** Every certificate read so far (table entries and central store files), for the watcher. */
    public List<WatchedCertificate> loaded() {
        List<WatchedCertificate> all = new ArrayList<>(byIpPort.values());
        all.addAll(byHostPort.values());
        if (central != null) {
            all.addAll(central.loaded());
        }
        return all;
    }

    public SslProvider provider() {
        return provider;
    }
}
