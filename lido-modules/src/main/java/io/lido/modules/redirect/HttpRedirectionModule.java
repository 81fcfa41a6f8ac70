package io.lido.modules.redirect;

import io.lido.api.HttpApplication;
import io.lido.api.HttpContext;
import io.lido.api.HttpModule;
import io.lido.api.HttpResponse;
import io.lido.api.PipelineEvent;
import io.lido.config.ConfigElement;
import io.lido.config.SiteConfig;
import io.lido.config.SourceLocation;
import io.lido.modules.support.Escaping;
import io.lido.modules.support.SectionCache;
import io.lido.runtime.RequestContext;

import java.nio.file.Path;
import java.util.Optional;

/**
 * IIS's HttpRedirectionModule: at BeginRequest, when the request's effective {@code httpRedirect} is
 * enabled and applies, answers 301/302/307/308 with Location and completes the request.
 *
 * <p>"The configured folder" (the base for {@code exactDestination="false"} and {@code childOnly}) is
 * the folder of the web.config that set the section; for a section set in applicationHost.config it is
 * the application's root (Lido cannot tell which {@code location} path wrote it).
 */
public final class HttpRedirectionModule implements HttpModule {
    private final SectionCache<RedirectRules> rules;

    /** A module sharing compiled rules with its siblings in other pooled application instances. */
    public HttpRedirectionModule(SectionCache<RedirectRules> rules) {
        this.rules = rules;
    }

    @Override
    public void init(HttpApplication application) {
        application.on(PipelineEvent.BEGIN_REQUEST, this::redirect);
    }

    private void redirect(HttpContext httpContext) {
        RequestContext context = (RequestContext) httpContext;
        ConfigElement section = context.config().section(RedirectRules.SECTION);
        RedirectRules redirect = rules.get(section);
        if (!redirect.enabled()) {
            return;
        }
        var request = context.request();
        String base = configuredFolder(section, context.applicationConfig());
        Optional<String> location = RedirectTarget.locate(redirect, base, request.path(), request.queryString(),
                request.host());
        if (location.isEmpty()) {
            return;
        }
        HttpResponse response = context.response();
        response.status(redirect.status());
        response.header("Location", location.get());
        response.contentType("text/html; charset=utf-8");
        response.write("<head><title>Document Moved</title></head><body><h1>Object Moved</h1>"
                + "This document may be found <a href=\"" + Escaping.html(location.get()) + "\">here</a></body>");
        context.applicationInstance().completeRequest();
    }

    /** The URL folder of the web.config that wrote the section, or the application's path. */
    static String configuredFolder(ConfigElement section, SiteConfig.Application application) {
        Optional<SourceLocation> written = section.location();
        if (written.isEmpty() || !written.get().file().getFileName().toString().equalsIgnoreCase("web.config")) {
            return application.path();
        }
        Path folder = written.get().file().toAbsolutePath().normalize().getParent();
        SiteConfig.VirtualDirectory best = null;
        Path bestRoot = null;
        for (SiteConfig.VirtualDirectory vd : application.virtualDirectories()) {
            Path root = vd.physicalPath().toAbsolutePath().normalize();
            if (folder.startsWith(root) && (bestRoot == null || root.getNameCount() > bestRoot.getNameCount())) {
                best = vd;
                bestRoot = root;
            }
        }
        if (best == null) {
            return application.path();
        }
        StringBuilder url = new StringBuilder(application.path().equals("/") ? "" : application.path());
        url.append(best.path().equals("/") ? "" : best.path());
        for (Path part : bestRoot.relativize(folder)) {
            if (!part.toString().isEmpty()) {
                url.append('/').append(part);
            }
        }
        return url.isEmpty() ? "/" : url.toString();
    }

    @Override
    public String toString() {
        return "HttpRedirectionModule";
    }
}
