package io.lido.listener.ipsecurity;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides whether one request of a client may go on to its application, under the URL's {@link ClientRules}:
 * first the static lists (ipSecurity: the connection's address, and with proxy mode every X-Forwarded-For
 * address), then the dynamic limits (dynamicIpSecurity) against the site's {@link ClientTable}. IIS's
 * modules do the same in that order. Called on event loops; thread-safe.
 */
public final class ClientGate {
    /** Admitted, nothing to release when the request ends. */
    public static final Admitted FREE = new Admitted(null, 0);

    private final Map<Long, ClientTable> tables = new ConcurrentHashMap<>();
    private final LongSupplier millis;

    /** The outcome for one request. */
    public sealed interface Verdict {
    }

    /**
     * The request may go on.
     *
     * @param slot            the client whose in-flight count the request holds ({@link Client#leave()} when it
     *                        ends), or null
     * @param loggedSubStatus in logging-only mode, the sub-status the request would have been denied with, else 0
     */
    public record Admitted(Client slot, int loggedSubStatus) implements Verdict {
    }

    /** The request is denied. */
    public record Denied(Denial denial) implements Verdict {
    }

    /** @param millis the clock of the request-rate intervals (System::currentTimeMillis in the server) */
    public ClientGate(LongSupplier millis) {
        this.millis = millis;
    }

    /**
     * @param peer         the connection's remote address (4 or 16 bytes)
     * @param forwardedFor the X-Forwarded-For fields of the request, in order (empty when none)
     */
    public Verdict admit(ClientRules rules, long siteId, byte[] peer, List<String> forwardedFor) {
        if (rules.open()) {
            return FREE;
        }
        List<byte[]> forwarded = forwardedFor.isEmpty() ? List.of() : ForwardedFor.addresses(forwardedFor);
        IpSecurityRules ip = rules.ip();
        if (!ip.open()) {
            Denial denial = checkAddresses(ip, peer, forwarded);
            if (denial != null) {
                return new Denied(denial);
            }
        }
        DynamicIpRules dynamic = rules.dynamic();
        return dynamic.active() ? admitDynamic(dynamic, siteId, client(dynamic, peer, forwarded)) : FREE;
    }

    private static Denial checkAddresses(IpSecurityRules ip, byte[] peer, List<byte[]> forwarded) {
        if (!ip.allows(peer)) {
            return new Denial(ip.denyAction(), Denial.IP_ADDRESS, "the client's address is not allowed");
        }
        if (ip.proxyMode()) {
            for (byte[] address : forwarded) {
                if (!ip.allows(address)) {
                    return new Denial(ip.denyAction(), Denial.IP_ADDRESS, address == null
                            ? "an X-Forwarded-For entry is no address and unlisted addresses are not allowed"
                            : "an X-Forwarded-For address is not allowed");
                }
            }
        }
        return null;
    }

    /** In proxy mode the last readable X-Forwarded-For address, else the connection's. */
    private static byte[] client(DynamicIpRules dynamic, byte[] peer, List<byte[]> forwarded) {
        if (dynamic.proxyMode()) {
            for (int i = forwarded.size() - 1; i >= 0; i--) {
                if (forwarded.get(i) != null) {
                    return forwarded.get(i);
                }
            }
        }
        return peer;
    }

    private Verdict admitDynamic(DynamicIpRules rules, long siteId, byte[] address) {
        Client client = tables.computeIfAbsent(siteId, id -> new ClientTable()).client(address);
        int subStatus = 0;
        String detail = null;
        boolean holdsSlot = rules.maxConcurrentRequests() > 0;
        if (holdsSlot && client.enter() > rules.maxConcurrentRequests()) {
            subStatus = Denial.CONCURRENT_REQUESTS;
            detail = "more than " + rules.maxConcurrentRequests() + " concurrent requests";
        }
        if (rules.maxRequests() > 0 && client.countRequest(millis.getAsLong(), rules.intervalMillis()) > rules.maxRequests()
                && subStatus == 0) {
            subStatus = Denial.REQUEST_RATE;
            detail = "more than " + rules.maxRequests() + " requests in " + rules.intervalMillis() + " ms";
        }
        if (subStatus != 0 && !rules.loggingOnly()) {
            if (holdsSlot) {
                client.leave();
            }
            return new Denied(new Denial(rules.denyAction(), subStatus, detail));
        }
        return new Admitted(holdsSlot ? client : null, subStatus);
    }

    /** The dynamic state of a site, for tests and counters; null before its first restricted request. */
    public ClientTable table(long siteId) {
        return tables.get(siteId);
    }
}
