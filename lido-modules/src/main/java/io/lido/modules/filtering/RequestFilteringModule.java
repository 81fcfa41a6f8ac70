package io.lido.modules.filtering;

import io.lido.api.HttpApplication;
import io.lido.api.HttpContext;
import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;
import io.lido.modules.support.SectionCache;
import io.lido.runtime.RequestContext;

/**
 * IIS's RequestFilteringModule: at BeginRequest, applies the effective
 * {@code system.webServer/security/requestFiltering} of the request's folder (so {@code location} and
 * folder web.config values count) and ends a rejected request with its 404.x (or 431) by throwing
 * {@link io.lido.api.HttpException}. The listener enforces the application-level URL and body limits
 * before dispatch; this module adds everything else and the folder-level limits.
 */
public final class RequestFilteringModule implements HttpModule {
    /** The configuration section this module reads. */
    public static final String SECTION = "system.webServer/security/requestFiltering";

    private final CheckedUrls checked;

    /** A module sharing compiled rules and checked URLs with its siblings in other pooled application instances. */
    public RequestFilteringModule(CheckedUrls checked) {
        this.checked = checked;
    }

    /** A module over shared compiled rules, with checked URLs of its own. */
    public RequestFilteringModule(SectionCache<RequestFilteringRules> rules) {
        this(new CheckedUrls(rules));
    }

    @Override
    public void init(HttpApplication application) {
        application.on(PipelineEvent.BEGIN_REQUEST, this::filter);
    }

    private void filter(HttpContext context) {
        RequestContext request = (RequestContext) context;
        checked.check(request.config().section(SECTION), context.request());
    }

    @Override
    public String toString() {
        return "RequestFilteringModule";
    }
}
