package io.lido.listener.connection;

import io.lido.config.SiteConfig;
import io.lido.listener.DispatcherResolver;
import io.lido.listener.ListenerOptions;
import io.lido.listener.ipsecurity.ClientGate;
import io.lido.listener.log.AccessLog;
import io.lido.listener.log.ErrorLog;
import io.lido.listener.routing.Endpoint;
import io.netty.channel.group.ChannelGroup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every connection of one listener shares: the dispatcher resolver, the logs, the options, the
 * request id sequence and the counters {@code HttpListener} reports (in-flight exchanges, connections
 * per endpoint against the sites' {@code limits/@maxConnections}).
 */
public final class ListenerContext {
    private final DispatcherResolver resolver;
    private final AccessLog accessLog;
    private final ErrorLog errorLog;
    private final ListenerOptions options;
    private final ChannelGroup connections;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Body bytes held by requests not yet dispatched (their read-ahead), against the options' budget. */
    private final AtomicLong readAhead = new AtomicLong();
    // Endpoint has identity equality, so this is an identity map that event loops may read safely.
    private final Map<Endpoint, EndpointLimits> endpointLimits = new ConcurrentHashMap<>();
    private volatile boolean draining;
    private final BufferBudget bufferBudget = BufferBudget.configured();
    private final ClientGate clientGate = new ClientGate(System::currentTimeMillis);

    private record EndpointLimits(AtomicInteger open, long maxConnections, Duration connectionTimeout) {
    }

    public ListenerContext(DispatcherResolver resolver, AccessLog accessLog, ErrorLog errorLog,
                           ListenerOptions options, ChannelGroup connections) {
        this.resolver = resolver;
        this.accessLog = accessLog;
        this.errorLog = errorLog;
        this.options = options;
        this.connections = connections;
    }

    /**
     * Registers an endpoint with the sites bound to it: a connection may not yet be attributed to one
     * site, so the endpoint allows the largest {@code maxConnections} and {@code connectionTimeout} of
     * its sites (after a first request, the idle timeout of the request's site applies).
     */
    public void register(Endpoint endpoint, List<SiteConfig> sites) {
        long max = 0;
        Duration timeout = Duration.ZERO;
        for (SiteConfig site : sites) {
            max = Math.max(max, site.limits().maxConnections());
            if (site.limits().connectionTimeout().compareTo(timeout) > 0) {
                timeout = site.limits().connectionTimeout();
            }
        }
        endpointLimits.put(endpoint, new EndpointLimits(new AtomicInteger(), max, timeout));
    }

    DispatcherResolver resolver() {
        return resolver;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    ErrorLog errorLog() {
        return errorLog;
    }

    ListenerOptions options() {
        return options;
    }

    ChannelGroup connections() {
        return connections;
    }

    BufferBudget bufferBudget() {
        return bufferBudget;
    }

    /** ipSecurity and dynamicIpSecurity, with the dynamic state of every site's clients. */
    public ClientGate clientGate() {
        return clientGate;
    }

    long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    AtomicInteger inFlightCounter() {
        return inFlight;
    }

    /**
     * Counts {@code bytes} more of read-ahead; false when that passes the budget (then nothing is counted
     * and the request should be dispatched with what it has).
     */
    boolean reserveReadAhead(long bytes) {
        if (readAhead.addAndGet(bytes) > options.readAheadBudget()) {
            readAhead.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void releaseReadAhead(long bytes) {
        if (bytes != 0) {
            readAhead.addAndGet(-bytes);
        }
    }

    /** Exchanges dispatched and not yet completed. */
    public int inFlight() {
        return inFlight.get();
    }

    /** From now on every connection closes after its current exchange. */
    public void startDraining() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }

    /** Counts a new connection; false when the endpoint is at its connection limit. */
    boolean tryOpen(Endpoint endpoint) {
        EndpointLimits limits = endpointLimits.get(endpoint);
        int open = limits.open().incrementAndGet();
        return open <= limits.maxConnections();
    }

    void closed(Endpoint endpoint) {
        endpointLimits.get(endpoint).open().decrementAndGet();
    }

    Duration connectionTimeout(Endpoint endpoint) {
        return endpointLimits.get(endpoint).connectionTimeout();
    }
}
