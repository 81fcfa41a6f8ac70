package io.lido.server;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.lido.server.activation.HostProcess;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Writing an application", step by step, outside the repository: the build has installed
 * {@code io.lido:lido-api} (Java 17 class files, sources, javadoc, a pom without parent) in the local Maven
 * repository; a copy of {@code starter/} builds with a plain Maven on JDK 17; one copy of its {@code target/app/}
 * deploys it into a site that the distribution's {@code bin/lido} serves; a changed handler, rebuilt and its jar
 * copied over the deployed one, answers without a restart of Lido.
 */
class StarterAppIT {
    private static final int JAVA_17 = 61;

    @TempDir
    Path dir;

    @Test
    void theBuildInstalledLidoApiForJava17WithSourcesAndJavadoc() throws IOException {
        Path installed = installedLidoApi();
        String name = "lido-api-" + System.getProperty("lido.version");

        assertThat(installed.resolve(name + "-sources.jar")).isNotEmptyFile();
        assertThat(installed.resolve(name + "-javadoc.jar")).isNotEmptyFile();
        assertThat(Files.readString(installed.resolve(name + ".pom"))).as("the installed pom")
                .contains("<artifactId>lido-api</artifactId>").doesNotContain("<parent>");
        Map<String, Integer> versions = classFileVersions(installed.resolve(name + ".jar"));
        assertThat(versions).containsKey("io/lido/api/HttpHandler.class")
                .allSatisfy((entry, major) -> assertThat(major).as(entry).isEqualTo(JAVA_17));
    }

    @Test
    void theStarterBuildsOnJdk17DeploysWithOneCopyAndRedeploysByItself() throws Exception {
        installedLidoApi();
        Path project = dir.resolve("my-app");
        copyTree(starter(), project);
        ExternalMavenBuild maven = ExternalMavenBuild.withJdk17IfAny();
        String firstBuild = maven.run(project, "package");
        if (maven.isJdk17()) {
            assertThat(firstBuild).as("the starter's build (mvnw -V)").contains("Java version: 17");
        }
        assertThat(classFileVersions(project.resolve("target/app/bin/starter.jar")))
                .containsKey("com/example/starter/HelloHandler.class")
                .allSatisfy((entry, major) -> assertThat(major).as(entry).isEqualTo(JAVA_17));

        // Deploy: one copy of target/app (web.config, bin/starter.jar) into the site's root application.
        Path site = project.resolve("site");
        copyTree(project.resolve("target/app"), site);
        Path config = project.resolve("applicationHost.config");
        String starterConfig = Files.readString(config);
        assertThat(starterConfig).contains("bindingInformation=\"*:8081:\"");
        Files.writeString(config, starterConfig.replace("bindingInformation=\"*:8081:\"",
                "bindingInformation=\"127.0.0.1:0:\""));

        try (HostProcess host = HostProcess.start(config, Map.of())) {
            assertThat(host.get("/hello?name=Lido").body()).isEqualTo("Hello, Lido!\n");
            assertThat(host.get("/hello").body()).isEqualTo("Hello, World!\n");

            // Redeploy: change the handler, build again, copy the new jar over the deployed one.
            Path handler = project.resolve("src/main/java/com/example/starter/HelloHandler.java");
            String source = Files.readString(handler);
            assertThat(source).contains("\"Hello, \"");
            Files.writeString(handler, source.replace("\"Hello, \"", "\"Hello again, \""));
            maven.run(project, "package");
            Files.copy(project.resolve("target/app/bin/starter.jar"), site.resolve("bin/starter.jar"),
                    StandardCopyOption.REPLACE_EXISTING);

            awaitTrue(() -> body(host, "/hello?name=Lido").equals("Hello again, Lido!\n"), Duration.ofSeconds(60),
                    "the redeployed handler's answer (last: " + body(host, "/hello?name=Lido") + ")");
            assertThat(host.output()).as("Lido's log").doesNotContain("ERROR");
        }
        assertThat(project.resolve("logs/W3SVC1")).as("the site's logs, in the project's logs/")
                .isDirectoryContaining("glob:**/u_ex*.log");
    }

    /**
     * The folder of the installed lido-api, whose jar must be the one this build made: several clones sharing one
     * local repository (as on a shared machine) install theirs over each other's.
     */
    private static Path installedLidoApi() throws IOException {
        String version = System.getProperty("lido.version");
        Path installed = Path.of(System.getProperty("lido.maven.repo")).resolve("io/lido/lido-api").resolve(version);
        Path built = Path.of(System.getProperty("lido.repository", "..")).resolve("lido-api/target/lido-api-"
                + version + ".jar");
        assertThat(Files.mismatch(built, installed.resolve("lido-api-" + version + ".jar")))
                .as("%s is the jar this build installed (another build using the same local repository may have "
                        + "installed its own since: -Dmaven.repo.local gives a build its own)", installed).isEqualTo(-1L);
        return installed;
    }

    private static String body(HostProcess host, String path) {
        try {
            return host.get(path).body();
        } catch (IOException e) {
            return "(" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code starter/} of the repository. */
    private static Path starter() {
        Path starter = Path.of(System.getProperty("lido.repository", "..")).resolve("starter");
        assertThat(starter.resolve("pom.xml")).as("the starter project").isRegularFile();
        return starter;
    }

    /** Copies a folder, leaving out a {@code target/} of an earlier build of it. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The class-file major version of every class in a jar. */
    private static Map<String, Integer> classFileVersions(Path jar) throws IOException {
        Map<String, Integer> versions = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().filter(e -> e.getName().endsWith(".class")).forEach(e -> versions.put(e.getName(),
                    majorVersion(file, e)));
        }
        return versions;
    }

    private static int majorVersion(JarFile jar, JarEntry entry) {
        try (InputStream in = jar.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // 0xCAFEBABE
            data.readUnsignedShort(); // minor
            return data.readUnsignedShort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
