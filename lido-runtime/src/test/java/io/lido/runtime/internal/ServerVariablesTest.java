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
        assertThat(ServerVariables.of(head, "HTTPS", null)).isEqualTo("on");
        assertThat(ServerVariables.of(head, "server_port_secure", null)).isEqualTo("1");
        assertThat(ServerVariables.of(head, "HTTPS_KEYSIZE", null)).isEqualTo("256");
        assertThat(ServerVariables.of(head, "CERT_KEYSIZE", null)).isEqualTo("256");
        assertThat(ServerVariables.of(head, "HTTPS_SERVER_SUBJECT", null)).isEqualTo("CN=www.example.com");
        assertThat(ServerVariables.of(head, "CERT_SERVER_ISSUER", null)).isEqualTo("CN=Example CA");
        assertThat(ServerVariables.of(head, "HTTPS_PROTOCOL", null)).isEqualTo("TLSv1.3");
        assertThat(ServerVariables.of(head, "CERT_FLAGS", null)).as("no client certificate").isEqualTo("0");
        assertThat(ServerVariables.of(head, "CERT_SUBJECT", null)).isEmpty();
        assertThat(ServerVariables.of(head, "SERVER_NAME", null)).isEqualTo("www.example.com");
        assertThat(ServerVariables.of(head, "SERVER_PORT", null)).isEqualTo("8443");
        assertThat(ServerVariables.of(head, "HTTP_USER_AGENT", null)).isEqualTo("curl");
        assertThat(ServerVariables.of(head, "NO_SUCH_VARIABLE", null)).isNull();
    }

    @Test
    void plainHttpSaysOff() {
        RequestHead head = head(false, TlsDetails.NONE);
        assertThat(ServerVariables.of(head, "HTTPS", null)).isEqualTo("off");
        assertThat(ServerVariables.of(head, "SERVER_PORT_SECURE", null)).isEqualTo("0");
        assertThat(ServerVariables.of(head, "HTTPS_KEYSIZE", null)).isEmpty();
        assertThat(ServerVariables.of(head, "QUERY_STRING", null)).isEqualTo("b=1");
    }
}
