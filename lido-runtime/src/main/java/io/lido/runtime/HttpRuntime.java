package io.lido.runtime;

import io.lido.api.HttpApplicationState;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.ipc.DomainStatus;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.runtime.domain.DomainLifecycle;
import io.lido.runtime.session.StateServerConnector;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Hosts one application: its current application domain (classloader over a shadow copy of
 * {@code bin/*.jar}, Global class, pooled {@link io.lido.api.HttpApplication} instances, the integrated
 * pipeline), and the domains that replace it when its files change (see {@link DomainLifecycle} and
 * docs/application-domains.md).
 *
 * <p>Life cycle: {@link #start()} once, then {@link #dispatch} from the listener for every request of
 * the application, {@link #restart} whenever asked, then {@link #shutdown(Duration)} once. {@code dispatch}
 * never blocks: each request runs on its own virtual thread, with the application's classloader as the
 * thread's context loader, and answers through its {@link ResponseChannel}. Requests that arrive before
 * start or after shutdown began get 503; while no domain can run (its start failed, or app_offline.htm is
 * present) they get 503 with the startup error (local requests only) or the offline page.
 */
public final class HttpRuntime implements RequestDispatcher {
    private final SiteConfig site;
    private final SiteConfig.Application application;
    private final DomainLifecycle domains;

    public HttpRuntime(ServerConfig config, SiteConfig site, SiteConfig.Application application, ModuleCatalog catalog) {
        this(config, site, application, catalog, Clock.systemUTC());
    }

    /** As above, with the clock that stamps requests ({@code HttpContext.timestamp()}). */
    public HttpRuntime(ServerConfig config, SiteConfig site, SiteConfig.Application application, ModuleCatalog catalog,
                       Clock clock) {
        this(config, site, application, catalog, clock, null);
    }

    /**
     * As above, with the StateServer of this process for session state ({@code sessionState mode="StateServer"},
     * and the default for applications of out-of-process pools); null when the process has none, in which
     * case mode StateServer is a configuration error at start and the default is InProc.
     */
    public HttpRuntime(ServerConfig config, SiteConfig site, SiteConfig.Application application, ModuleCatalog catalog,
                       Clock clock, StateServerConnector stateServer) {
        this.site = Objects.requireNonNull(site, "site");
        this.application = Objects.requireNonNull(application, "application");
        this.domains = new DomainLifecycle(Objects.requireNonNull(config, "config"), site, application,
                Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(clock, "clock"), stateServer);
    }

    /**
     * Loads the application and runs its Global class's {@code onStart()} once, and starts watching its
     * web.config, bin/ and app_offline.htm. When this throws, the runtime is still up in a failed state:
     * requests get 503 (with the error for local ones), a file change or {@link #restart} tries again,
     * and {@link #shutdown} must still be called.
     *
     * @throws io.lido.config.ConfigException when web.config is invalid or names a type that cannot be used
     * @throws ApplicationStartException      when onStart, a module's init or the Global init fails
     * @throws IllegalStateException          when already started
     */
    public void start() {
        domains.start();
    }

    /**
     * Starts like {@link #start()}, but a failure is only logged: the runtime stays up in the failed state
     * (503, with the startup error for local requests) until a file change or {@link #restart} brings a
     * domain up, so one broken application does not stop the server or worker that hosts it.
     *
     * @return true when a domain serves, false when the application failed to start or is offline
     */
    public boolean tryStart() {
        return domains.tryStart();
    }

    /**
     * Starts a new domain for the application; once it has started it takes all new requests while in-flight
     * requests finish in the old one, whose onEnd runs before it is unloaded. A new domain that fails to start is
     * discarded with the error logged and the old one keeps serving. Returns when the new domain serves (true) or
     * has been discarded (false). Logs "Application X restarting: &lt;reason&gt;".
     */
    public boolean restart(RestartReason reason) {
        return domains.restart(Objects.requireNonNull(reason, "reason"));
    }

    @Override
    public void dispatch(RequestHead head, RequestBody body, ResponseChannel response) {
        domains.dispatch(head, body, response);
    }

    /**
     * Stops accepting requests (new ones get 503), waits up to {@code timeout} for those executing,
     * then runs onEnd(), disposes the modules and closes the classloader. Calling it again does nothing.
     */
    public void shutdown(Duration timeout) {
        domains.shutdown(timeout);
    }

    /** How many requests are executing now (in the serving domain and in domains still draining). */
    public int inFlight() {
        return domains.inFlight();
    }

    /**
     * The application's state ({@code Application} in ASP.NET) of the serving domain, or of the last one
     * that served, for the server's admin view and tests.
     *
     * @throws IllegalStateException when no domain has started yet
     */
    public HttpApplicationState applicationState() {
        HttpApplicationState current = domains.applicationState();
        if (current == null) {
            throw new IllegalStateException("application " + describe() + " has not been started");
        }
        return current;
    }

    /** How many pooled application instances the serving domain has (0 when none serves). */
    public int applicationInstances() {
        return domains.applicationInstances();
    }

    /** The serving domain's generation: 1 for the first, +1 per attempt to start one; 0 when none serves. */
    public int domainGeneration() {
        return domains.servingGeneration();
    }

    /**
     * The state, the serving domain's generation and the last attempt to start a domain (its reason, time and
     * error), for {@code lido list app}.
     */
    public DomainStatus domainStatus() {
        return domains.domainStatus();
    }

    /** "Serving", "Failed" (no domain could start), "Offline" (app_offline.htm) or "Stopped". */
    public String status() {
        return domains.status();
    }

    private String describe() {
        return application.path() + " (site \"" + site.name() + "\")";
    }

    @Override
    public String toString() {
        return "HttpRuntime[" + describe() + "]";
    }
}
