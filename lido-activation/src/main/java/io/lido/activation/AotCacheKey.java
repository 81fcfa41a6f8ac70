package io.lido.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The name of a JDK AOT cache: a hash of everything the JVM checks when it maps one (JDK build, class path,
 * JVM options, the environment that can add options). A change of any of them, such as an upgraded jar or
 * JDK or an edited {@code jvmOptions}, gives another name, so a stale cache is never offered to a worker.
 * Jars are identified by path, size and modification time rather than content: hashing all of lib/ on
 * every worker start would cost more than the cache saves.
 */
final class AotCacheKey {
    /** Entries of a pool's environment that change the JVM's options behind the command line's back. */
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
            "_JAVA_OPTIONS");

    private AotCacheKey() {
    }

    /**
     * The key, or empty when the class path cannot be cached: the JVM's AOT cache needs every class path
     * entry to be a jar file (a folder of classes, as in a build tree, is refused at training).
     *
     * @param jdk         the JDK's identity, e.g. its java command and {@code java.vm.version}
     * @param classPath   the worker's class path entries
     * @param options     the worker's JVM options, without the AOT ones Lido adds
     * @param environment the pool's environment variables
     */
    static Optional<String> of(String jdk, List<String> classPath, List<String> options,
                               Map<String, String> environment) {
        MessageDigest digest = sha256();
        update(digest, "jdk", jdk);
        for (String entry : classPath) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            BasicFileAttributes attributes = attributes(jar);
            update(digest, "jar", entry + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
        }
        for (String option : options) {
            update(digest, "option", option);
        }
        Map<String, String> sorted = new TreeMap<>(environment);
        for (String name : OPTION_VARIABLES) {
            if (sorted.containsKey(name)) {
                update(digest, "env", name + "=" + sorted.get(name));
            }
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest(), 0, 12));
    }

    /** The JDK this JVM runs on: a worker runs the same java binary, so the same build. */
    static String currentJdk(String javaCommand) {
        return javaCommand + "|" + System.getProperty("java.vm.vendor") + "|" + System.getProperty("java.vm.version");
    }

    /** Whether the options already choose a class-data or AOT cache: then Lido adds none. */
    static boolean optionsManageTheCache(List<String> options) {
        return options.stream().anyMatch(o -> o.startsWith("-XX:AOT") || o.startsWith("-XX:SharedArchiveFile")
                || o.startsWith("-Xshare") || o.startsWith("-XX:ArchiveClassesAtExit")
                || o.startsWith("-XX:+AutoCreateSharedArchive"));
    }

    private static BasicFileAttributes attributes(Path jar) {
        try {
            return Files.readAttributes(jar, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of class path entry " + jar, e);
        }
    }

    // Each value is framed by its kind and length, so that moving a character from one value to the
    // next cannot give the same hash.
    private static void update(MessageDigest digest, String kind, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(kind.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
