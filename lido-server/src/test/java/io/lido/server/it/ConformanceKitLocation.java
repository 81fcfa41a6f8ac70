package io.lido.server.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the external conformance kit's {@code run.py} is, or why its tests do not run. The kit is not part of
 * the repository (it lives in {@code ../shared/conformance} of the project's workspace), so a clone on its own
 * has none: there its tests are skipped with one notice, while CI (environment variable {@code CI} set, as
 * {@code .ci/run} does) must run them and fails without the kit rather than skipping it unnoticed.
 */
sealed interface ConformanceKitLocation {
    /** The system property ({@code -D} on the Maven command line) that points at another copy of run.py. */
    String PROPERTY = "lido.conformance.kit";

    /** The kit's run.py exists at this path. */
    record Found(Path runPy) implements ConformanceKitLocation {
    }

    /** No kit and none required: the kit's tests are skipped; {@code notice} says why and how to run them. */
    record Skipped(String notice) implements ConformanceKitLocation {
    }

    /** The kit of this test JVM: the {@link #PROPERTY} property, the {@code CI} variable, the repository root. */
    static ConformanceKitLocation ofThisBuild() {
        return decide(System.getProperty(PROPERTY), System.getenv("CI"), repositoryRoot());
    }

    /**
     * The decision. A path given with the property must exist (whoever gave it wants the kit run); else the
     * default {@code <repository>/../shared/conformance/run.py} is used if it exists, the kit's tests are
     * skipped if it does not, unless {@code ci} is set (neither blank, {@code false} nor {@code 0}).
     *
     * @throws IllegalStateException when a kit is required and missing; the message says where it was looked for
     */
    static ConformanceKitLocation decide(String property, String ci, Path repositoryRoot) {
        if (property != null && !property.isBlank()) {
            Path given = Path.of(property).toAbsolutePath();
            if (!Files.isRegularFile(given)) {
                throw new IllegalStateException("the conformance kit is missing: -D" + PROPERTY + "=" + property
                        + " names no file (it must name the kit's run.py)");
            }
            return new Found(given);
        }
        Path runPy = repositoryRoot.resolve("../shared/conformance/run.py").normalize();
        if (Files.isRegularFile(runPy)) {
            return new Found(runPy);
        }
        String where = "no conformance kit at " + runPy + " (the kit lives in ../shared/conformance beside the "
                + "repository; -D" + PROPERTY + "=/path/to/run.py points at another copy)";
        if (required(ci)) {
            throw new IllegalStateException(where + ": CI=" + ci + " requires the kit");
        }
        return new Skipped(where + ": the kit's tests are skipped (with CI set they fail instead)");
    }

    private static boolean required(String ci) {
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /** The folder holding {@code mvnw}, found upwards from the working directory (the module's folder). */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with mvnw) above " + start);
    }
}
