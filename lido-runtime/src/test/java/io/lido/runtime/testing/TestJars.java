package io.lido.runtime.testing;

import io.lido.api.HttpHandler;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Compiles application sources against lido-api into a jar, so tests exercise the real application classloader. */
public final class TestJars {
    private TestJars() {
    }

    private static final Map<Map<String, String>, Path> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Compiles {@code sources} (class name to source text) into {@code jar}; the same sources compile once per run. */
    public static Path compile(Map<String, String> sources, Path jar) {
        Path built = COMPILED.computeIfAbsent(Map.copyOf(sources), TestJars::build);
        try {
            Files.createDirectories(jar.getParent());
            Files.copy(built, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes a class out of a jar built by {@link #compile}, as when an application is deployed without a library
     * it was compiled against.
     */
    public static void drop(Path jar, String className) {
        String entry = className.replace('.', '/') + ".class";
        try {
            Path rest = Files.createTempFile(jar.getParent(), "drop", ".jar");
            try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(jar));
                 JarOutputStream out = new JarOutputStream(Files.newOutputStream(rest))) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    if (!e.getName().equals(entry)) {
                        out.putNextEntry(new JarEntry(e.getName()));
                        out.write(in.readAllBytes());
                        out.closeEntry();
                    }
                }
            }
            Files.move(rest, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path build(Map<String, String> sources) {
        try {
            Path jar = Files.createTempDirectory("lido-testjar-out").resolve("app.jar");
            Path work = Files.createTempDirectory("lido-testjar");
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", apiClassPath(),
                    "--release", "25", "-proc:none", "-nowarn"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int rc = compiler.run(null, OutputStream.nullOutputStream(), errors, args.toArray(new String[0]));
            if (rc != 0) {
                throw new IllegalStateException("test application does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String apiClassPath() {
        try {
            return Path.of(HttpHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
