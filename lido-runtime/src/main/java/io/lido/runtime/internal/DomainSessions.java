package io.lido.runtime.internal;

import io.lido.api.HttpApplication;
import io.lido.api.HttpContext;
import io.lido.config.ApplicationPoolConfig;
import io.lido.config.HostingModel;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;
import io.lido.runtime.session.InProcSessionStore;
import io.lido.runtime.session.SessionEndListener;
import io.lido.runtime.session.SessionStateMode;
import io.lido.runtime.session.SessionStateModule;
import io.lido.runtime.session.SessionStateSettings;
import io.lido.runtime.session.SessionStore;
import io.lido.runtime.session.StateServerConnector;

import java.time.Clock;

/**
 * The session state of one application domain: its bound {@code sessionState} settings, its store (an
 * {@link InProcSessionStore} owned by the domain, or the StateServer's) and the {@link SessionStateModule}
 * the pipeline runs. The InProc store is closed, and its sessions dropped, with the domain.
 */
final class DomainSessions {
    private final SessionStateModule module;
    private final InProcSessionStore inProc;

    private DomainSessions(SessionStateModule module, InProcSessionStore inProc) {
        this.module = module;
        this.inProc = inProc;
    }

    /**
     * What a domain needs to open its session state, read while it loads so that an unsupported setting
     * fails the load.
     *
     * @param applicationKey the StateServer's name for the application: site id and path without the leading
     *                       slash ("1/" for a root application, "1/shop")
     */
    record Setup(SessionStateSettings settings, StateServerConnector stateServer, String applicationKey,
                 boolean startsEagerly) {

        /** @throws io.lido.config.ConfigException for a sessionState setting Lido does not support */
        static Setup read(ServerConfig config, SiteConfig site, SiteConfig.Application application, WebConfig web,
                          Class<?> global, StateServerConnector stateServer) {
            HostingModel hosting = null;
            for (ApplicationPoolConfig pool : config.applicationPools()) {
                if (pool.name().equalsIgnoreCase(application.applicationPool())) {
                    hosting = pool.hostingModel();
                }
            }
            SessionStateSettings settings = SessionStateSettings.bind(web.section("system.web/sessionState"),
                    web.section("system.web/httpRuntime"), hosting, stateServer != null);
            return new Setup(settings, stateServer, site.id() + "/" + application.path().substring(1),
                    overridesSessionStart(global));
        }

        private static boolean overridesSessionStart(Class<?> global) {
            try {
                return global.getMethod("onSessionStart", HttpContext.class).getDeclaringClass() != HttpApplication.class;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("HttpApplication.onSessionStart is missing from the API on the class path", e);
            }
        }

        DomainSessions open(String owner, Clock clock, SessionEndListener onEnd) {
            InProcSessionStore inProc = null;
            SessionStore store = switch (settings.mode()) {
                case OFF -> null;
                case IN_PROC -> inProc = new InProcSessionStore(owner, clock, settings.lockTimeout(), onEnd);
                case STATE_SERVER -> stateServer.open(applicationKey, settings.lockTimeout());
            };
            return new DomainSessions(new SessionStateModule(settings, store, startsEagerly), inProc);
        }
    }

    SessionStateModule module() {
        return module;
    }

    boolean isInProc() {
        return module.settings().mode() == SessionStateMode.IN_PROC;
    }

    /** Drops the InProc sessions (no Session_End: the domain is going away, as in ASP.NET). */
    void close() {
        if (inProc != null) {
            inProc.close();
        }
    }
}
