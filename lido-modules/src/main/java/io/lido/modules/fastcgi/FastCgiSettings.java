package io.lido.modules.fastcgi;

import io.lido.config.ConfigElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code system.webServer/fastCgi/application}: the program and how its process pool behaves.
 *
 * @param fullPath                  the program (php-cgi)
 * @param arguments                 its arguments, split on blanks ("" gives none); Lido adds {@code -b <socket>} first
 * @param maxInstances              the most processes at once (IIS's 0, "let the server choose", is resolved here)
 * @param instanceMaxRequests       requests a process serves before it is retired
 * @param activityTimeout           the longest silence of a busy process before it is killed
 * @param requestTimeout            the longest a request may take
 * @param idleTimeout               how long an unused process lives
 * @param queueLength               the most requests waiting for a process; one more gets 503.4
 * @param stderrMode                what a request that wrote to STDERR answers
 * @param signalBeforeTerminate     SIGTERM first and this long to exit before SIGKILL (zero: SIGKILL at once)
 * @param monitorChangesTo          a file whose change recycles every process (php.ini), if any
 * @param environment               environmentVariables, in order
 */
record FastCgiSettings(String fullPath, String arguments, int maxInstances, int instanceMaxRequests,
                       Duration activityTimeout, Duration requestTimeout, Duration idleTimeout, int queueLength,
                       StderrMode stderrMode, Duration signalBeforeTerminate, Optional<Path> monitorChangesTo,
                       Map<String, String> environment) {
    /** php-cgi ends itself after this many requests (PHP_FCGI_MAX_REQUESTS); its default is 500. */
    static final String PHP_MAX_REQUESTS = "PHP_FCGI_MAX_REQUESTS";

    static FastCgiSettings from(ConfigElement application) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (ConfigElement variable : application.child("environmentVariables").collection()) {
            environment.put(variable.attribute("name"), variable.attribute("value"));
        }
        int maxInstances = application.integer("maxInstances");
        String fullPath = application.attribute("fullPath");
        String monitor = application.attribute("monitorChangesTo").trim();
        Optional<Path> monitored = monitor.isEmpty() ? Optional.empty() : Optional.of(resolve(fullPath, monitor));
        return new FastCgiSettings(fullPath, application.attribute("arguments"),
                maxInstances == 0 ? defaultInstances() : maxInstances, application.integer("instanceMaxRequests"),
                seconds(application, "activityTimeout"), seconds(application, "requestTimeout"),
                seconds(application, "idleTimeout"), application.integer("queueLength"),
                StderrMode.of(application.attribute("stderrMode")), seconds(application, "signalBeforeTerminateSeconds"),
                monitored, Map.copyOf(environment));
    }

    /** What {@code scriptProcessor} names this application with: {@code fullPath}, or {@code fullPath|arguments}. */
    String scriptProcessor() {
        return arguments.isEmpty() ? fullPath : fullPath + "|" + arguments;
    }

    /** The arguments, split on blanks. */
    List<String> argumentList() {
        String trimmed = arguments.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /**
     * Requests a process serves before Lido retires it: instanceMaxRequests, or PHP_FCGI_MAX_REQUESTS when the
     * administrator set it lower (php-cgi would exit after that many and the next request would fail).
     */
    int requestsPerProcess() {
        String php = environment.get(PHP_MAX_REQUESTS);
        if (php != null) {
            try {
                int limit = Integer.parseInt(php.trim());
                if (limit > 0 && limit < instanceMaxRequests) {
                    return limit;
                }
            } catch (NumberFormatException e) {
                // php-cgi reads it with atoi too: not a number means no limit of its own
            }
        }
        return instanceMaxRequests;
    }

    /** IIS 8 chooses the count itself for 0; Lido takes one process per processor, at least 2, at most 16. */
    private static int defaultInstances() {
        return Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 16);
    }

    private static Duration seconds(ConfigElement element, String attribute) {
        return Duration.ofSeconds(element.integer(attribute));
    }

    /** IIS resolves a relative monitorChangesTo against the program's folder. */
    private static Path resolve(String fullPath, String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return path;
        }
        Path folder = Path.of(fullPath).getParent();
        return folder == null ? path : folder.resolve(path);
    }
}
