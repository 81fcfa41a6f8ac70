package io.lido.server.it;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real program from Debian that a test drives (php-cgi, python3 with h2 or websockets, chromium, htpasswd,
 * testssl.sh, h2load...). Tests use real peers rather than clients of our own making; {@code .ci/run} installs
 * them. In a clone without the program the test is skipped with a notice naming the package, unless the
 * {@code CI} variable is set (as {@code .ci/run} sets it): there a missing tool fails the test, so CI never
 * skips one silently.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /**
     * The program's path on {@code PATH} (or the absolute path given).
     *
     * @param command       the program, e.g. {@code "php-cgi"}
     * @param debianPackage the package that provides it, named in the notice, e.g. {@code "php8.2-cgi"}
     */
    public static Path require(String command, String debianPackage) {
        Path found = find(command);
        if (found != null) {
            return found;
        }
        String where = command + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)";
        if (ciSet()) {
            throw new IllegalStateException(where + ": CI=" + System.getenv("CI") + " requires it");
        }
        Assumptions.abort(where + ": test skipped (with CI set it fails instead)");
        throw new AssertionError("unreachable");
    }

    /**
     * Requires that Debian's {@code /usr/bin/python3} can import {@code module} (python3-h2 gives {@code h2},
     * python3-websockets {@code websockets}); returns that python3's path. Debian's python3, not the first on
     * {@code PATH}: a pyenv python there does not see the packages Debian installs.
     */
    public static Path requirePythonModule(String module, String debianPackage) {
        Path python = require("/usr/bin/python3", "python3");
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import " + module)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() == 0) {
                return python;
            }
        } catch (java.io.IOException e) {
            // treated as missing below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String where = "python3 module " + module + " is missing (Debian package " + debianPackage
                + "; .ci/run installs it)";
        if (ciSet()) {
            throw new IllegalStateException(where + ": CI=" + System.getenv("CI") + " requires it");
        }
        Assumptions.abort(where + ": test skipped (with CI set it fails instead)");
        throw new AssertionError("unreachable");
    }

    private static Path find(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean ciSet() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }
}
