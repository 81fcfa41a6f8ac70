package io.lido.listener.connection;

import io.lido.listener.codec.HostSyntax;
import io.lido.listener.codec.ParsedHead;
import io.lido.listener.codec.Rejection;
import io.lido.listener.routing.ApplicationRoute;
import io.lido.listener.routing.Endpoint;
import io.lido.listener.routing.RequestLimits;
import io.lido.listener.routing.RequestTarget;
import io.lido.listener.routing.SiteRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a decoded request goes: its target made safe, the site by binding and Host, the
 * application by path, and the application's request limits checked, in that order (HTTP.sys checks
 * the URL before the host, IIS request filtering runs after routing).
 */
final class RequestRouter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    /** The outcome of routing one request. */
    sealed interface Route {
    }

    /** Dispatch to {@code app}; a chunked body may grow up to {@code bodyLimit} bytes. */
    record ToApplication(RequestTarget target, ApplicationRoute app, long bodyLimit) implements Route {
    }

    /** Answer with an error; {@code siteId} is 0 when no site was matched yet. */
    record Refused(Rejection rejection, long siteId) implements Route {
    }

    /** hsts {@code redirectHttpToHttps}: answered 301 with this Location by the listener. */
    record ToHttps(String location, RequestTarget target, long siteId) implements Route {
    }

    /** {@code OPTIONS *}: a question about the server, answered by the listener. */
    record ServerOptions() implements Route {
    }

    private RequestRouter() {
    }

    static Route route(ParsedHead head, Endpoint endpoint, String localIp) {
        RequestTarget target;
        try {
            target = RequestTarget.parse(head.target());
        } catch (Rejection.RejectedException e) {
            return new Refused(e.rejection(), 0);
        }
        if (target.asterisk()) {
            return head.method().equals("OPTIONS") ? new ServerOptions()
                    : new Refused(Rejection.invalidUrl("asterisk-form target with method " + head.method()), 0);
        }
        // the parser already validated Host and extracted its name; an absolute-form authority is checked by RequestTarget
        String hostName = target.authority() == null ? head.hostName() : HostSyntax.hostName(target.authority());
        if (target.authority() != null) {
            // RFC 9112 §3.2.2: the authority of an absolute-form target replaces Host.
            head.headers().set("Host", target.authority());
        }
        SiteRoute site = endpoint.route(localIp, hostName);
        if (site == null) {
            return new Refused(Rejection.invalidHostname("no binding of " + endpoint + " matches host '" + hostName
                    + "'"), 0);
        }
        long siteId = site.site().id();
        Endpoint https = endpoint.secure() ? null : site.httpsRedirect();
        if (https != null) {
            return new ToHttps(HttpsRedirect.location(hostName, localIp, https, target), target, siteId);
        }
        ApplicationRoute app = site.application(target.path());
        if (app == null) {
            return new Refused(Rejection.notFound("site has no application for " + target.path()),
                    siteId);
        }
        RequestLimits limits;
        try {
            limits = app.limits();
        } catch (RuntimeException e) {
            LOG.error("cannot read the request limits of application {}", app, e);
            return new Refused(Rejection.internal("Internal Server Error - Configuration", e.getMessage()),
                    siteId);
        }
        Rejection limitError = checkLimits(head, target, limits);
        return limitError != null ? new Refused(limitError, siteId)
                : new ToApplication(target, app, limits.maxAllowedContentLength());
    }

    private static Rejection checkLimits(ParsedHead head, RequestTarget target, RequestLimits limits) {
        if (target.rawPath().length() > limits.maxUrl()) {
            return Rejection.urlOverMaxUrl("path of " + target.rawPath().length() + " bytes over maxUrl "
                    + limits.maxUrl());
        }
        if (target.query().length() > limits.maxQueryString()) {
            return Rejection.queryOverMaxQueryString("query string of " + target.query().length()
                    + " bytes over maxQueryString " + limits.maxQueryString());
        }
        if (head.contentLength() > limits.maxAllowedContentLength()) {
            // Refused before a body byte is read, even with Expect: 100-continue (no 100 is sent).
            return Rejection.contentTooLarge("Content-Length " + head.contentLength()
                    + " over maxAllowedContentLength " + limits.maxAllowedContentLength());
        }
        if (head.expectation() == ParsedHead.Expectation.UNKNOWN) {
            return Rejection.expectationFailed("unsupported expectation '" + head.headers().get("Expect") + "'");
        }
        return null;
    }
}
