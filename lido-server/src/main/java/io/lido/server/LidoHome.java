package io.lido.server;

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

    /** The default configuration file of a distribution. */
    static Path defaultConfig(Path home) {
        return home.resolve("conf").resolve("applicationHost.config");
    }
}
