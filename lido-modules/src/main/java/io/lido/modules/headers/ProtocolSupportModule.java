package io.lido.modules.headers;

import io.lido.api.HttpApplication;
import io.lido.api.HttpContext;
import io.lido.api.HttpModule;
import io.lido.api.HttpResponse;
import io.lido.api.PipelineEvent;
import io.lido.modules.support.SectionCache;
import io.lido.runtime.RequestContext;

/**
 * IIS's ProtocolSupportModule: at PreSendRequestHeaders, just before any response's headers leave
 * (error pages and redirects included), sets each configured custom header, and each redirect header
 * on a 3xx response. A configured header replaces a value the application set for the same name, so
 * the administrator's policy (for example {@code X-Content-Type-Options}) always holds. With
 * {@code allowKeepAlive="false"} it adds {@code Connection: close}, which the listener honours.
 */
public final class ProtocolSupportModule implements HttpModule {
    private final SectionCache<CustomHeaders> headers;

    /** A module sharing compiled headers with its siblings in other pooled application instances. */
    public ProtocolSupportModule(SectionCache<CustomHeaders> headers) {
        this.headers = headers;
    }

    @Override
    public void init(HttpApplication application) {
        application.on(PipelineEvent.PRE_SEND_REQUEST_HEADERS, this::addHeaders);
    }

    private void addHeaders(HttpContext context) {
        CustomHeaders configured = headers.get(((RequestContext) context).config().section(CustomHeaders.SECTION));
        HttpResponse response = context.response();
        for (CustomHeaders.Header header : configured.custom()) {
            response.header(header.name(), header.value());
        }
        if (!configured.allowKeepAlive()) {
            response.header("Connection", "close");
        }
        if (response.status() >= 300 && response.status() < 400) {
            for (CustomHeaders.Header header : configured.redirect()) {
                response.header(header.name(), header.value());
            }
        }
    }

    @Override
    public String toString() {
        return "ProtocolSupportModule";
    }
}
