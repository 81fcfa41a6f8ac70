package io.lido.listener.ipsecurity;

import io.lido.config.IpNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded table of dynamic client state, and the gate's counting on it without sockets. */
class ClientTableTest {
    private static byte[] a(String text) {
        return IpNetwork.parseAddress(text);
    }

    @Test
    void theTableForgetsTheClientUnseenForLongest() {
        ClientTable table = new ClientTable(3);
        Client first = table.client(a("192.0.2.1"));
        table.client(a("192.0.2.2"));
        table.client(a("192.0.2.3"));
        assertThat(table.client(a("192.0.2.1"))).as("same address, same client").isSameAs(first);
        table.client(a("2001:db8::1"));
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.client(a("192.0.2.1"))).as("seen recently: kept").isSameAs(first);
        // 192.0.2.2 was the eldest and is gone: a new client
        Client second = table.client(a("192.0.2.2"));
        assertThat(second.inFlight()).isZero();
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void aFloodOfAddressesStaysWithinTheCapacity() {
        ClientTable table = new ClientTable();
        byte[] address = new byte[16];
        for (int i = 0; i < ClientTable.CAPACITY + 10_000; i++) {
            address[12] = (byte) (i >>> 24);
            address[13] = (byte) (i >>> 16);
            address[14] = (byte) (i >>> 8);
            address[15] = (byte) i;
            address[0] = 0x20;
            table.client(address);
        }
        assertThat(table.size()).isEqualTo(ClientTable.CAPACITY);
    }

    @Test
    void theRateWindowRestartsAfterItsInterval() {
        long[] now = {1_000};
        ClientGate gate = new ClientGate(() -> now[0]);
        ClientRules rules = new ClientRules(IpSecurityRules.OPEN,
                new DynamicIpRules(0, 2, 100, DenyAction.FORBIDDEN, false, false));
        byte[] client = a("192.0.2.1");
        assertThat(gate.admit(rules, 1, client, java.util.List.of())).isInstanceOf(ClientGate.Admitted.class);
        assertThat(gate.admit(rules, 1, client, java.util.List.of())).isInstanceOf(ClientGate.Admitted.class);
        assertThat(gate.admit(rules, 1, client, java.util.List.of())).isInstanceOf(ClientGate.Denied.class);
        assertThat(gate.admit(rules, 2, client, java.util.List.of())).as("another site counts apart")
                .isInstanceOf(ClientGate.Admitted.class);
        now[0] += 100;
        assertThat(gate.admit(rules, 1, client, java.util.List.of())).isInstanceOf(ClientGate.Admitted.class);
    }

    @Test
    void aDeniedConcurrentRequestHoldsNoSlot() {
        ClientGate gate = new ClientGate(() -> 0);
        ClientRules rules = new ClientRules(IpSecurityRules.OPEN,
                new DynamicIpRules(1, 0, 1, DenyAction.FORBIDDEN, false, false));
        byte[] client = a("192.0.2.1");
        ClientGate.Admitted first = (ClientGate.Admitted) gate.admit(rules, 1, client, java.util.List.of());
        assertThat(gate.admit(rules, 1, client, java.util.List.of())).isInstanceOf(ClientGate.Denied.class);
        assertThat(first.slot().inFlight()).isEqualTo(1);
        first.slot().leave();
        assertThat(gate.admit(rules, 1, client, java.util.List.of())).isInstanceOf(ClientGate.Admitted.class);
    }
}
