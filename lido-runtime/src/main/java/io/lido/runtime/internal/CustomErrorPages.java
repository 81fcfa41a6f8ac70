package io.lido.runtime.internal;

import io.lido.api.HttpException;
import io.lido.ipc.RequestHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves {@code httpErrors/error} pages in their three IIS response modes: File (a file below the
 * application's root folder, never outside it), ExecuteURL (a URL of this application, executed as a
 * child GET request whose body replaces the error body while the error status stays), and Redirect
 * (302 to the path). A page that cannot be served is logged and the generic page is used instead.
 */
final class CustomErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger(CustomErrorPages.class);
    private final ApplicationDomain domain;

    CustomErrorPages(ApplicationDomain domain) {
        this.domain = domain;
    }

    /** Writes the custom page; false when it could not be served. */
    boolean write(RuntimeContext context, HttpErrorsSettings.CustomError error) {
        String mode = error.responseMode();
        if (error.path().isBlank()) {
            LOG.warn("httpErrors: <error statusCode=\"{}\"> has no path; serving the generic page", error.statusCode());
            return false;
        }
        if (mode.equalsIgnoreCase("Redirect")) {
            context.runtimeResponse().redirect(error.path());
            return true;
        }
        if (mode.equalsIgnoreCase("ExecuteURL")) {
            return executeUrl(context, error.path());
        }
        return file(context, error.path());
    }

    private boolean file(RuntimeContext context, String path) {
        Path root = domain.application().rootDirectory().physicalPath().toAbsolutePath().normalize();
        Path file = root.resolve(path.replace('\\', '/').replaceFirst("^/+", "")).normalize();
        if (!file.startsWith(root)) {
            LOG.warn("httpErrors: the File path \"{}\" leaves the application folder {}; serving the generic page", path, root);
            return false;
        }
        byte[] page;
        try {
            page = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("httpErrors: cannot read the error page {}; serving the generic page", file, e);
            return false;
        }
        context.runtimeResponse().contentType("text/html");
        context.runtimeResponse().write(page);
        return true;
    }

    private boolean executeUrl(RuntimeContext context, String url) {
        if (context.isChildRequest()) {
            // An error page for an error page: the parent request logs the failure and serves the generic page.
            return false;
        }
        RequestHead child;
        try {
            child = childHead(context.head(), url);
        } catch (URISyntaxException | HttpException e) {
            LOG.warn("httpErrors: ExecuteURL path \"{}\" is not a usable URL of this application: {}", url, e.getMessage());
            return false;
        }
        CapturingChannel captured = domain.executeChild(child);
        if (captured.status() >= 400 || captured.status() < 200) {
            LOG.warn("httpErrors: the ExecuteURL page {} answered {}; serving the generic page", url, captured.status());
            return false;
        }
        String type = captured.header("Content-Type");
        context.runtimeResponse().contentType(type == null ? "text/html" : type);
        context.runtimeResponse().write(captured.body());
        return true;
    }

    private RequestHead childHead(RequestHead parent, String url) throws URISyntaxException {
        URI uri = new URI(url);
        if (uri.getScheme() != null || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            throw new URISyntaxException(url, "ExecuteURL needs a site-relative path starting with '/'");
        }
        String path = VirtualPathMapper.toSitePath(uri.getPath(), "/", "/");
        String app = domain.application().path();
        if (!app.equals("/") && !path.equalsIgnoreCase(app) && !path.regionMatches(true, 0, app + "/", 0, app.length() + 1)) {
            throw new URISyntaxException(url, "ExecuteURL must stay inside the application " + app);
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        io.lido.ipc.HeaderList headers = new io.lido.ipc.HeaderList(parent.headers().size());
        for (int i = 0; i < parent.headers().size(); i++) {
            String name = parent.headers().name(i);
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")
                    && !name.equalsIgnoreCase("Content-Type")) {
                headers.add(name, parent.headers().value(i));
            }
        }
        return new RequestHead(parent.id(), "GET", uri.getRawPath() + (query.isEmpty() ? "" : "?" + query), path, query,
                parent.httpMinorVersion(), headers, parent.remoteAddress(), parent.remotePort(), parent.localAddress(),
                parent.localPort(), parent.secure(), parent.siteId(), parent.siteName(), app, 0, parent.tls());
    }
}
