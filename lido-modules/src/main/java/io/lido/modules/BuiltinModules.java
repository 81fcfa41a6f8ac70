package io.lido.modules;

import io.lido.api.HttpHandler;
import io.lido.api.HttpModule;
import io.lido.config.ConfigElement;
import io.lido.modules.authentication.AnonymousAuthenticationModule;
import io.lido.modules.authentication.BasicAuthenticationModule;
import io.lido.modules.authentication.BasicAuthenticator;
import io.lido.modules.authorization.UrlAuthorizationModule;
import io.lido.modules.fastcgi.FastCgiApplications;
import io.lido.modules.fastcgi.FastCgiHandler;
import io.lido.modules.filtering.CheckedUrls;
import io.lido.modules.filtering.RequestFilteringModule;
import io.lido.modules.filtering.RequestFilteringRules;
import io.lido.modules.headers.CustomHeaders;
import io.lido.modules.headers.ProtocolSupportModule;
import io.lido.modules.redirect.HttpRedirectionModule;
import io.lido.modules.redirect.RedirectRules;
import io.lido.modules.staticfile.StaticFileHandler;
import io.lido.modules.support.SectionCache;
import io.lido.runtime.ModuleCatalog;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * The built-in module catalog, in pipeline order and with IIS's module names: RequestFilteringModule
 * (BeginRequest), HttpRedirectionModule (BeginRequest, after filtering so a filtered URL is never
 * redirected), BasicAuthenticationModule and AnonymousAuthenticationModule (AuthenticateRequest, Basic first so
 * that anonymous access is the fallback), UrlAuthorizationModule (IIS's rules) and UrlAuthorization (ASP.NET's)
 * at AuthorizeRequest, and ProtocolSupportModule (PreSendRequestHeaders); and the "StaticFile" handler, which
 * also does IIS's DefaultDocumentModule and DirectoryListingModule work; and FastCgiModule, the handler of
 * {@code <handlers>} entries with {@code modules="FastCgiModule"}, whose FastCGI processes this catalog owns (one
 * catalog per host or worker process; {@link #close()} stops them).
 *
 * <p>One catalog serves every application of a host: module instances are made per pooled application
 * instance, while the configuration each module compiles is shared through its {@link SectionCache}.
 */
public final class BuiltinModules implements ModuleCatalog {
    private final SequencedMap<String, Supplier<HttpModule>> modules;
    private final StaticFileHandler staticFileHandler;
    private final FastCgiApplications fastCgi;

    /** The catalog on the system clock. */
    public BuiltinModules() {
        this(Clock.systemUTC());
    }

    /** The catalog on a given clock (the static file handler caps Last-Modified at its time). */
    public BuiltinModules(Clock clock) {
        SectionCache<RequestFilteringRules> filtering = new SectionCache<>(RequestFilteringRules::from);
        SectionCache<RedirectRules> redirects = new SectionCache<>(RedirectRules::from);
        SectionCache<CustomHeaders> headers = new SectionCache<>(CustomHeaders::from);
        SequencedMap<String, Supplier<HttpModule>> map = new LinkedHashMap<>();
        CheckedUrls checkedUrls = new CheckedUrls(filtering);
        map.put("RequestFilteringModule", () -> new RequestFilteringModule(checkedUrls));
        map.put("HttpRedirectionModule", () -> new HttpRedirectionModule(redirects));
        BasicAuthenticator basic = new BasicAuthenticator(clock);
        map.put("BasicAuthenticationModule", () -> new BasicAuthenticationModule(basic));
        map.put("AnonymousAuthenticationModule", AnonymousAuthenticationModule::new);
        for (UrlAuthorizationModule.Rules rules : new UrlAuthorizationModule.Rules[] {
                UrlAuthorizationModule.Rules.iis(), UrlAuthorizationModule.Rules.aspNet()}) {
            map.put(rules.name(), () -> new UrlAuthorizationModule(rules));
        }
        map.put("ProtocolSupportModule", () -> new ProtocolSupportModule(headers));
        modules = Collections.unmodifiableSequencedMap(map);
        staticFileHandler = new StaticFileHandler(filtering, clock);
        fastCgi = new FastCgiApplications(clock);
    }

    @Override
    public SequencedMap<String, Supplier<HttpModule>> modules() {
        return modules;
    }

    @Override
    public HttpHandler staticFileHandler() {
        return staticFileHandler;
    }

    /** {@inheritDoc} FastCgiModule: a {@link FastCgiHandler} for the entry's scriptProcessor. */
    @Override
    public HttpHandler moduleHandler(ConfigElement entry) {
        if (entry.attribute("modules").trim().equalsIgnoreCase("FastCgiModule")) {
            return FastCgiHandler.forEntry(entry, fastCgi);
        }
        return null;
    }

    /** Stops the FastCGI processes. */
    @Override
    public void close() {
        fastCgi.close();
    }

    @Override
    public String toString() {
        return "BuiltinModules" + modules.sequencedKeySet();
    }
}
