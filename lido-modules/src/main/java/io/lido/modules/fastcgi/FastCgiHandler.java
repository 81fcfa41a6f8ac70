package io.lido.modules.fastcgi;

import io.lido.api.HttpContext;
import io.lido.api.HttpException;
import io.lido.api.HttpHandler;
import io.lido.config.ConfigElement;
import io.lido.runtime.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The handler of a {@code <handlers><add modules="FastCgiModule" scriptProcessor="fullPath|arguments"/>} entry:
 * finds the {@code system.webServer/fastCgi} application its scriptProcessor names, checks the script exists
 * ({@code resourceType} Either or File: 404 otherwise, before any process starts), takes a process of that
 * application's pool and runs the request on it. A process found dead before it answered anything is replaced and the
 * request tried once more on another when nothing can have run twice (see {@link FastCgiExchange#retryable()}).
 *
 * <p>Failures: 503.4 when the FastCGI queue is full; 502 when the process failed (crashed, hung up, broke the
 * protocol); 500 when a timeout killed it or it could not be started; 500 with its STDERR per stderrMode.
 */
public final class FastCgiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FastCgiHandler.class);
    private static final int ATTEMPTS = 2;

    private final String entry;
    private final String scriptProcessor;
    private final String resourceType;
    private final FastCgiApplications applications;

    private FastCgiHandler(String entry, String scriptProcessor, String resourceType,
                           FastCgiApplications applications) {
        this.entry = entry;
        this.scriptProcessor = scriptProcessor;
        this.resourceType = resourceType;
        this.applications = applications;
    }

    /**
     * The handler of a handlers entry whose modules is FastCgiModule.
     *
     * @throws IllegalArgumentException when the entry has no scriptProcessor
     */
    public static FastCgiHandler forEntry(ConfigElement add, FastCgiApplications applications) {
        String scriptProcessor = add.attribute("scriptProcessor").trim();
        if (scriptProcessor.isEmpty()) {
            throw new IllegalArgumentException("modules=\"FastCgiModule\" needs attribute \"scriptProcessor\": the "
                    + "fullPath (and |arguments) of a system.webServer/fastCgi application, e.g. /usr/bin/php-cgi");
        }
        String where = add.location().map(location -> " (" + location + ")").orElse("");
        return new FastCgiHandler("<add name=\"" + add.attribute("name") + "\">" + where, scriptProcessor,
                add.attribute("resourceType"), applications);
    }

    @Override
    public void processRequest(HttpContext context) throws Exception {
        RequestContext request = (RequestContext) context;
        FastCgiSettings application = applications.settings(request.config().section("system.webServer/fastCgi"))
                .get(scriptProcessor);
        if (application == null) {
            throw new HttpException(500, 0, "handler " + entry + ": scriptProcessor \"" + scriptProcessor
                    + "\" names no <application> in system.webServer/fastCgi of applicationHost.config (its fullPath, "
                    + "and |arguments when it has some, must match)");
        }
        Path script = request.request().physicalPath();
        requireResource(script);
        FastCgiProcessPool pool = applications.pool(request.applicationConfig().applicationPool(), application);
        RequestBodySource body = RequestBodySource.of(request.request());
        for (int attempt = 1; ; attempt++) {
            FastCgiProcess process = pool.acquire();
            FastCgiExchange exchange = new FastCgiExchange(request, process, application, applications.clock());
            try {
                exchange.run(script, body);
                return;
            } catch (IOException e) {
                String killed = process.killedBecause();
                if (killed != null) {
                    throw new HttpException(500, 0, "the FastCGI process " + process.pid() + " of " + application.fullPath()
                            + " was terminated: " + killed, e);
                }
                if (attempt < ATTEMPTS && exchange.retryable()) {
                    LOG.info("{} {}: {} failed before answering ({}); trying another process",
                            request.request().method(), request.request().path(), process, e.toString());
                    continue;
                }
                throw new HttpException(502, 0, "the FastCGI process " + process.pid() + " of " + application.fullPath()
                        + " failed: " + e.getMessage() + exited(process), e);
            } finally {
                pool.release(process, exchange.reusable());
            }
        }
    }

    /** IIS's "Invoke handler only if request is mapped to": a file (File), a file or a folder (Either). */
    private void requireResource(Path script) {
        boolean exists = switch (resourceType) {
            case "File" -> Files.isRegularFile(script);
            case "Either" -> Files.exists(script);
            case "Directory" -> Files.isDirectory(script);
            default -> true;
        };
        if (!exists) {
            throw new HttpException(404, 0, "no " + (resourceType.equals("Either") ? "file or folder" : resourceType
                    .toLowerCase(java.util.Locale.ROOT)) + " for the FastCGI handler " + entry);
        }
    }

    private static String exited(FastCgiProcess process) {
        try {
            if (process.process().waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return " (it exited with status " + process.process().exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    @Override
    public String toString() {
        return "FastCgiHandler[" + scriptProcessor + "]";
    }
}
