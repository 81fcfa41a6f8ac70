package io.lido.runtime.internal;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestHead;
import io.lido.ipc.TlsDetails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** IIS's server variables from a request head, over TLS and without. */
class ServerVariablesTest {
    private static RequestHead head(boolean secure, TlsDetails tls) {
        return new RequestHead(1, "GET", "/a?b=1", "/a", "b=1", 1,
                new HeaderList().add("Host", "www.example.com:8443").add("User-Agent", "curl"), "10.0.0.9", 50000,
                "10.0.0.1", 8443, secure, 7, "Shop", "/", 0, tls);
    }

    @Test
    void tlsVariablesDescribeTheConnection() {
        RequestHead head = head(true, new TlsDetails("TLSv1.3", "TLS_AES_256_GCM_SHA384", 256, "CN=www.example.com",
                "CN=Example CA"));
        assertThat(ServerVariables.of(head, "HTTPS")).isEqualTo("on");
        assertThat(ServerVariables.of(head, "server_port_secure")).isEqualTo("1");
        assertThat(ServerVariables.of(head, "HTTPS_KEYSIZE")).isEqualTo("256");
        assertThat(ServerVariables.of(head, "CERT_KEYSIZE")).isEqualTo("256");
        assertThat(ServerVariables.of(head, "HTTPS_SERVER_SUBJECT")).isEqualTo("CN=www.example.com");
        assertThat(ServerVariables.of(head, "CERT_SERVER_ISSUER")).isEqualTo("CN=Example CA");
        assertThat(ServerVariables.of(head, "HTTPS_PROTOCOL")).isEqualTo("TLSv1.3");
        assertThat(ServerVariables.of(head, "CERT_FLAGS")).as("no client certificate").isEqualTo("0");
        assertThat(ServerVariables.of(head, "CERT_SUBJECT")).isEmpty();
        assertThat(ServerVariables.of(head, "SERVER_NAME")).isEqualTo("www.example.com");
        assertThat(ServerVariables.of(head, "SERVER_PORT")).isEqualTo("8443");
        assertThat(ServerVariables.of(head, "HTTP_USER_AGENT")).isEqualTo("curl");
        assertThat(ServerVariables.of(head, "NO_SUCH_VARIABLE")).isNull();
    }

    @Test
    void plainHttpSaysOff() {
        RequestHead head = head(false, TlsDetails.NONE);
        assertThat(ServerVariables.of(head, "HTTPS")).isEqualTo("off");
        assertThat(ServerVariables.of(head, "SERVER_PORT_SECURE")).isEqualTo("0");
        assertThat(ServerVariables.of(head, "HTTPS_KEYSIZE")).isEmpty();
        assertThat(ServerVariables.of(head, "QUERY_STRING")).isEqualTo("b=1");
    }
}
