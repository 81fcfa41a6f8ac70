package io.lido.runtime.domain;

import io.lido.config.TimeSpans;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.runtime.RestartReason;
import io.lido.runtime.internal.ApplicationDomain;
import io.lido.runtime.internal.InFlightRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ResourceBundle;

/**
 * One generation of an application's domain together with what its unload needs: the in-flight gate
 * that lets it drain, and its shadow copy folder (null when shadow copying is off).
 */
final class ActiveDomain {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveDomain.class);

    private final ApplicationDomain domain;
    private final ShadowCopy shadow;
    private final int generation;
    private final String application;
    private final Duration drainTimeout;
    private final InFlightRequests inFlight = new InFlightRequests();

    ActiveDomain(ApplicationDomain domain, ShadowCopy shadow, int generation, String application, Duration drainTimeout) {
        this.domain = domain;
        this.shadow = shadow;
        this.generation = generation;
        this.application = application;
        this.drainTimeout = drainTimeout;
    }

    /** Counts a request in; false once the domain is being unloaded (the caller reads the new state). */
    boolean tryEnter() {
        return inFlight.tryEnter();
    }

    /** Runs one request on the calling thread, then counts it out. */
    void execute(RequestHead head, RequestBody body, ResponseChannel response) {
        try {
            domain.execute(head, body, response);
        } finally {
            inFlight.exit();
        }
    }

    /** Counts out a request that entered but could not be executed. */
    void exit() {
        inFlight.exit();
    }

    int inFlight() {
        return inFlight.count();
    }

    int generation() {
        return generation;
    }

    ApplicationDomain domain() {
        return domain;
    }

    /** As {@link #unload(Duration, RestartReason)} with the application's shutdownTimeout. */
    void unload(RestartReason reason) throws InterruptedException {
        unload(drainTimeout, reason);
    }

    /**
     * Refuses new requests, waits up to {@code drainTimeout} for those executing, runs onEnd, disposes
     * the modules, closes the classloader, reports threads the application left running and deletes
     * the shadow copy.
     *
     * @throws IllegalStateException when onEnd or the loader's close fails (the rest still happens)
     */
    void unload(Duration drainTimeout, RestartReason reason) throws InterruptedException {
        inFlight.close();
        if (!inFlight.awaitIdle(drainTimeout)) {
            LOG.warn("Application {}: {} request(s) still executing in domain {} after {}; unloading it anyway",
                    application, inFlight.count(), generation, TimeSpans.format(drainTimeout));
        }
        ClassLoader loader = domain.classLoader();
        ClassLoader webLoader = domain.webApplicationClassLoader();
        try {
            domain.stop();
        } catch (Exception e) {
            throw new IllegalStateException("application " + application + " failed to end (domain " + generation
                    + "): " + e.getMessage(), e);
        } finally {
            // The JDK's bundle cache holds bundles by loader; anything else it caches per class is weak.
            ResourceBundle.clearCache(loader);
            LingeringThreads.report(loader, application, generation);
            if (webLoader != null) {
                ResourceBundle.clearCache(webLoader);
                LingeringThreads.report(webLoader, application, generation);
            }
            if (shadow != null) {
                shadow.delete();
            }
            LOG.info("Application {}: domain {} unloaded ({})", application, generation, reason.logText());
        }
    }

    /** Cleans up a domain that failed to start (no onEnd: it never started). */
    static void discard(ApplicationDomain domain, ShadowCopy shadow, Exception cause) {
        if (domain != null) {
            domain.abandon(cause);
        }
        if (shadow != null) {
            shadow.delete();
        }
    }
}
