package io.lido.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds a Maven project outside the reactor as its author would: the repository's Maven wrapper
 * ({@code lido.repository/mvnw}, which CI has; a system Maven may not be there) run in the project's folder with a
 * JDK 17 when the machine has one (the default {@code java} of our machines; what an application team may have),
 * offline and with this build's local repository ({@code lido.maven.repo}), where lido-api was installed and
 * where the plugins the project pins are already.
 */
final class ExternalMavenBuild {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path javaHome;
    private int builds;

    private ExternalMavenBuild(Path javaHome) {
        this.javaHome = javaHome;
    }

    /** With the newest JDK 17 under /usr/lib/jvm, else with the JDK running this test. */
    static ExternalMavenBuild withJdk17IfAny() throws IOException {
        return new ExternalMavenBuild(jdk17().orElse(Path.of(System.getProperty("java.home"))));
    }

    /** The JDK the builds run with. */
    Path javaHome() {
        return javaHome;
    }

    /** Whether that JDK is a 17 (its release file). */
    boolean isJdk17() throws IOException {
        return majorVersion(javaHome).equals(Optional.of("17"));
    }

    /**
     * {@code mvnw -B -V -o GOALS} in {@code project}; returns its output, written to {@code project/../build-N.log}
     * too, and fails with it when Maven does not succeed.
     */
    String run(Path project, String... goals) throws IOException, InterruptedException {
        Path repository = Path.of(System.getProperty("lido.repository", "..")).toAbsolutePath().normalize();
        Path log = project.resolveSibling("build-" + ++builds + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(repository.resolve("mvnw").toString(), "-B", "-V", "-o",
                "-Dmaven.repo.local=" + System.getProperty("lido.maven.repo",
                        Path.of(System.getProperty("user.home"), ".m2", "repository").toString())));
        command.addAll(List.of(goals));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        // The outer build's settings must not leak in: the project is built as on its author's machine.
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        Process maven = builder.start();
        if (!maven.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            maven.destroyForcibly();
            throw new AssertionError("mvnw " + String.join(" ", goals) + " in " + project + " did not finish within "
                    + TIMEOUT + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (maven.exitValue() != 0 || !output.contains("BUILD SUCCESS")) {
            throw new AssertionError("mvnw " + String.join(" ", goals) + " in " + project + " with JAVA_HOME="
                    + javaHome + " exited with " + maven.exitValue() + ":\n" + output);
        }
        return output;
    }

    private static Optional<Path> jdk17() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            List<Path> candidates = homes.filter(home -> Files.isExecutable(home.resolve("bin/java"))).sorted().toList();
            for (Path home : candidates.reversed()) {
                if (majorVersion(home).equals(Optional.of("17"))) {
                    return Optional.of(home.toRealPath());
                }
            }
        }
        return Optional.empty();
    }

    /** The feature version in a JDK's release file ({@code JAVA_VERSION="17.0.15"} is 17). */
    private static Optional<String> majorVersion(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        return Files.readAllLines(release, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("JAVA_VERSION=\""))
                .map(line -> line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0])
                .findFirst();
    }
}
