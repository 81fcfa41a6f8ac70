package io.lido.modules.staticfile;

import io.lido.api.HttpContext;
import io.lido.api.HttpException;
import io.lido.api.HttpHandler;
import io.lido.api.HttpResponse;
import io.lido.modules.filtering.RequestFilter;
import io.lido.modules.filtering.RequestFilteringModule;
import io.lido.modules.filtering.RequestFilteringRules;
import io.lido.modules.support.SectionCache;
import io.lido.modules.support.VirtualPaths;
import io.lido.runtime.RequestContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The "StaticFile" handler: what the runtime runs when no {@code <handlers>} entry maps a request.
 * Resolves the URL safely ({@link PhysicalPathGuard}), then serves a file ({@link StaticFileSender}),
 * or for a folder: 301 to the slash form, the first existing default document, a directory listing,
 * or 403.14. Reusable and thread-safe; called on the request's thread.
 */
public final class StaticFileHandler implements HttpHandler {
    /** The methods a static resource supports (sent in Allow). */
    public static final String ALLOW = "GET, HEAD, OPTIONS";

    private final SectionCache<StaticContentSettings> staticContent =
            new SectionCache<>(StaticContentSettings::from);
    private final SectionCache<RequestFilteringRules> filtering;
    private final SectionCache<CachingSettings> caching = new SectionCache<>(CachingSettings::from);
    private final PhysicalPathGuard guard = new PhysicalPathGuard();
    private final StaticFileCache files = new StaticFileCache(guard);
    private final Clock clock;

    /**
     * A handler reading hidden segments through the request-filtering rules cache it shares.
     *
     * @param clock the time that caps Last-Modified
     */
    public StaticFileHandler(SectionCache<RequestFilteringRules> filtering, Clock clock) {
        this.filtering = filtering;
        this.clock = clock;
    }

    @Override
    public void processRequest(HttpContext httpContext) {
        RequestContext context = (RequestContext) httpContext;
        refuseHiddenSegments(context);
        String path = context.request().path();
        Instant now = clock.instant();
        StaticFile file = files.resolve(context, caching.get(context.config().section(CachingSettings.SECTION)),
                now.toEpochMilli());
        PhysicalPathGuard.Target target = file.target();
        String method = context.request().method();
        HttpResponse response = context.response();
        if (method.equals("OPTIONS")) {
            response.status(200);
            response.header("Allow", ALLOW);
            response.contentLength(0);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.status(405);
            response.header("Allow", ALLOW);
            return;
        }
        if (target.attributes().isDirectory()) {
            serveDirectory(context, target, path);
        } else if (file.isFile() && !path.endsWith("/")) {
            StaticFileSender.send(context, file, VirtualPaths.lastSegment(path), settings(context), now);
        } else {
            throw new HttpException(404, 0, path + " was not found");
        }
    }

    private void serveDirectory(RequestContext context, PhysicalPathGuard.Target target, String path) {
        HttpResponse response = context.response();
        if (!path.endsWith("/")) {
            // IIS's DefaultDocumentModule: relative links in the page only work from the slash form
            String raw = context.request().rawUrl();
            int question = raw.indexOf('?');
            String location = question < 0 ? raw + "/" : raw.substring(0, question) + "/" + raw.substring(question);
            response.status(301);
            response.header("Location", location);
            return;
        }
        DirectorySettings directory = DirectorySettings.from(context.config());
        if (directory.defaultDocumentEnabled()) {
            for (String name : directory.defaultDocuments()) {
                if (isPlainName(name)) {
                    Path candidate = target.file().resolve(name);
                    if (Files.isRegularFile(candidate) && PhysicalPathGuard.isInside(candidate, target.root())) {
                        Path file = realPath(candidate);
                        Instant now = clock.instant();
                        StaticFileSender.send(context, StaticFile.of(new PhysicalPathGuard.Target(target.root(), file,
                                PhysicalPathGuard.attributes(file)), now.toEpochMilli()), name, settings(context), now);
                        return;
                    }
                }
            }
        }
        if (directory.browseEnabled()) {
            Set<String> hidden = hiddenSegments(context);
            String host = context.request().host() == null ? "" : context.request().host();
            DirectoryListing.write(response, host, path, target.file(), target.root(), directory.showFlags(), hidden);
            return;
        }
        throw new HttpException(403, 14, "Directory listing denied: " + path
                + " has no default document and directoryBrowse is disabled");
    }

    /**
     * RequestFilteringModule already answers 404.8 for these; the handler checks again so that an
     * application that removes the module still never serves its web.config or bin/ jars as files.
     */
    private void refuseHiddenSegments(RequestContext context) {
        RequestFilter.checkHiddenSegments(filtering.get(context.config().section(RequestFilteringModule.SECTION)),
                context.request().path());
    }

    private Set<String> hiddenSegments(RequestContext context) {
        return filtering.get(context.config().section(RequestFilteringModule.SECTION)).hiddenSegments();
    }

    private StaticContentSettings settings(RequestContext context) {
        return staticContent.get(context.config().section(StaticContentSettings.SECTION));
    }

    /** A default document is a file name in the folder, never a path that could climb out of it. */
    private static boolean isPlainName(String name) {
        return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf(':') < 0
                && !name.chars().allMatch(c -> c == '.');
    }

    private static Path realPath(Path candidate) {
        try {
            return candidate.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + candidate, e);
        }
    }

    @Override
    public String toString() {
        return "StaticFileHandler";
    }
}
