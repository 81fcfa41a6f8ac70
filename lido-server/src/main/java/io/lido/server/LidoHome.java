package io.lido.server;

import io.lido.activation.TrustedFolder;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The distribution folder (the one holding bin/, conf/, lib/, wwwroot/): the {@code lido.home} system
 * property that bin/lido sets, else the folder above the lib/ folder this class's jar is in.
 */
final class LidoHome {
    static final String PROPERTY = "lido.home";
    /** lido-runtime ShadowCopy's root folder property. */
    static final String SHADOW_COPY_ROOT = "lido.shadowCopyRoot";

    private LidoHome() {
    }

    /** The home folder, or empty when Lido does not run from a distribution (e.g. from class folders). */
    static Optional<Path> find() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        return fromJarLocation();
    }

    private static Optional<Path> fromJarLocation() {
        CodeSource source = LidoHome.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = jar.getParent();
            if (Files.isRegularFile(jar) && lib != null && lib.getFileName().toString().equals("lib")
                    && lib.getParent() != null) {
                return Optional.of(lib.getParent());
            }
            return Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the location of Lido's jar: " + source.getLocation(), e);
        }
    }

    /**
     * Makes {@link #PROPERTY} name the home when it was found from the jar's location, so that what reads only the
     * property (the worker launcher, the run folder of the sockets) sees the same home.
     */
    static void publish() {
        if (System.getProperty(PROPERTY) == null) {
            find().ifPresent(home -> System.setProperty(PROPERTY, home.toString()));
        }
    }

    /**
     * Creates or checks the host's own folders in {@code work/}: {@code work/} itself (mode 751: pools' users pass
     * through to their sockets, caches and shadow copies) and {@code work/shadow/host} (700), where the in-process
     * applications' shadow copies go unless {@value #SHADOW_COPY_ROOT} is set.
     *
     * @throws TrustedFolder.UntrustedFolderException when one is another user's or writable by others
     */
    private static final String NATIVE_WORKDIR = "io.netty.native.workdir";

    static void prepareWork(Path home) {
        Path work = TrustedFolder.ensure(home.resolve("work"), TrustedFolder.TRAVERSE);
        Path shadow = TrustedFolder.ensure(work.resolve("shadow"), TrustedFolder.TRAVERSE);
        Path host = TrustedFolder.ensure(shadow.resolve("host"), TrustedFolder.OWNER_ONLY);
        if (System.getProperty(SHADOW_COPY_ROOT) == null) {
            System.setProperty(SHADOW_COPY_ROOT, host.toString());
        }
        // Netty unpacks its native libraries (epoll, OpenSSL for TLS) before loading them: into work/native, a
        // folder only Lido's user can write, rather than /tmp, where another user could race root for the file.
        Path natives = TrustedFolder.ensure(work.resolve("native"), TrustedFolder.OWNER_ONLY);
        if (System.getProperty(NATIVE_WORKDIR) == null) {
            System.setProperty(NATIVE_WORKDIR, natives.toString());
        }
    }

    /** The default configuration file of a distribution. */
    static Path defaultConfig(Path home) {
        return home.resolve("conf").resolve("applicationHost.config");
    }
}
