package io.lido.listener.ipsecurity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dynamic state of one site's clients (requests in flight, requests in the current interval), bounded so
 * that a flood of addresses cannot grow memory: past {@link #CAPACITY} clients the one unseen for longest is
 * forgotten (its in-flight requests still end on the {@link Client} they hold). A forgotten client starts
 * again from zero, which only an attacker with more addresses than the table holds can use, and only to
 * stay as fast as a new client. Thread-safe; one short lock per request.
 */
public final class ClientTable {
    /** At about 150 bytes a client, some 10 MB per site at most. */
    public static final int CAPACITY = 65_536;

    private final Map<ClientKey, Client> clients;

    public ClientTable() {
        this(CAPACITY);
    }

    ClientTable(int capacity) {
        this.clients = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ClientKey, Client> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The client with that address (4 or 16 bytes), created when new. */
    public Client client(byte[] address) {
        ClientKey key = ClientKey.of(address);
        synchronized (clients) {
            return clients.computeIfAbsent(key, k -> new Client());
        }
    }

    /** Clients known now. */
    public int size() {
        synchronized (clients) {
            return clients.size();
        }
    }

    /** An address as two longs: cheap to hash and compare, no text. */
    private record ClientKey(long high, long low) {
        static ClientKey of(byte[] a) {
            if (a.length == 4) {
                return new ClientKey(0, 0xffff_0000_0000L | ((a[0] & 0xffL) << 24) | ((a[1] & 0xffL) << 16)
                        | ((a[2] & 0xffL) << 8) | (a[3] & 0xffL));
            }
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (a[i] & 0xffL);
                low = (low << 8) | (a[i + 8] & 0xffL);
            }
            return new ClientKey(high, low);
        }
    }
}
