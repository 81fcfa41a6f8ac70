package io.lido.server;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Compiles application classes from source at test time and packs them as a jar, so that tests deploy
 * real application code into an application's bin/ folder (loaded by the application class loader,
 * never from the test class path). The sources see the JDK and lido-api.
 *
 * <pre>{@code
 * byte[] jar = TestApplicationJar.builder()
 *         .source("test.app.SlowHandler", "package test.app; public class SlowHandler implements ...")
 *         .build();
 * LidoTestServer.in(dir).file("wwwroot/bin/app.jar", jar)...
 * }</pre>
 */
public final class TestApplicationJar {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final java.util.Set<String> leftOut = new java.util.HashSet<>();

    private TestApplicationJar() {
    }

    public static TestApplicationJar builder() {
        return new TestApplicationJar();
    }

    /** Adds a class by its fully qualified name and its Java source. */
    public TestApplicationJar source(String className, String javaSource) {
        sources.put(className, javaSource);
        return this;
    }

    /**
     * Compiles the class with the others but leaves it out of the jar, as an application deployed without a
     * library it was compiled against.
     */
    public TestApplicationJar without(String className) {
        leftOut.add(className.replace('.', '/') + ".class");
        return this;
    }

    /** Compiles the sources (failing with the compiler's messages) and returns the jar's bytes. */
    public byte[] build() {
        try {
            Path work = Files.createTempDirectory("lido-test-app");
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "25",
                    "-classpath", System.getProperty("java.class.path")));
            for (Map.Entry<String, String> entry : sources.entrySet()) {
                Path file = src.resolve(entry.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry.getValue());
                arguments.add(file.toString());
            }
            compile(arguments);
            return jar(classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the test application jar", e);
        }
    }

    private static void compile(List<String> arguments) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the tests need a JDK (javax.tools compiler), not a JRE");
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = compiler.run(null, messages, messages, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("test application does not compile:\n"
                    + messages.toString(StandardCharsets.UTF_8));
        }
    }

    private byte[] jar(Path classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (leftOut.contains(name)) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                copy(file, jar);
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void copy(Path file, OutputStream out) throws IOException {
        out.write(Files.readAllBytes(file));
    }
}
