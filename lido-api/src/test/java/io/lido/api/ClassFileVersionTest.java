package io.lido.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class of the API is Java 17 class-file version 61, so that an application built with JDK 17 or 21 can
 * compile against it (lido-api is compiled with {@code --release 17}; the rest of Lido needs 25).
 */
class ClassFileVersionTest {
    private static final int JAVA_17 = 61;

    @Test
    void everyClassIsVersion61() throws IOException, URISyntaxException {
        Path classes = Path.of(HttpHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Integer> versions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                versions.put(classes.relativize(file).toString(), majorVersion(file));
            }
        }

        assertThat(versions).as("classes in %s", classes).containsKey("io/lido/api/HttpHandler.class");
        assertThat(versions).as("class-file major versions (classes compiled before the switch to --release 17 "
                + "are not recompiled: ./mvnw clean)").allSatisfy((name, major) -> assertThat(major).isEqualTo(JAVA_17));
    }

    private static int majorVersion(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).as("magic of %s", classFile).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort(); // minor
            return data.readUnsignedShort();
        }
    }
}
