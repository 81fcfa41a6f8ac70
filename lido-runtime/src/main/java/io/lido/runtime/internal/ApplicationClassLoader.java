package io.lido.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The classloader of one application: its {@code bin/*.jar} files (in name order, so class lookup
 * does not depend on directory listing order) over {@link ApiBridgeClassLoader}.
 *
 * <p>The jars are opened where they are given: the domain lifecycle passes its shadow copy of bin/
 * (see {@code io.lido.runtime.domain.ShadowCopy}) so that bin/ can be replaced while the application runs.
 */
final class ApplicationClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private ApplicationClassLoader(String name, URL[] urls) {
        super(name, urls, new ApiBridgeClassLoader());
    }

    /**
     * A loader over {@code jarFolder/*.jar} (the application's bin folder or its shadow copy); a missing
     * folder gives a loader that sees only the JDK and the API.
     */
    static ApplicationClassLoader forApplication(String virtualPath, Path jarFolder) {
        List<Path> jars = findJars(jarFolder);
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("cannot use " + jars.get(i) + " as a class path entry", e);
            }
        }
        return new ApplicationClassLoader(virtualPath.equals("/") ? "app" : "app" + virtualPath, urls);
    }

    private static List<Path> findJars(Path bin) {
        if (!Files.isDirectory(bin)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(bin)) {
            return files
                    .filter(f -> f.getFileName().toString().toLowerCase().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the application's jars in " + bin, e);
        }
    }
}
