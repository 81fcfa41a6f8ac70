package io.lido.modules.headers;

import io.lido.api.PipelineEvent;
import io.lido.modules.support.SectionCache;
import io.lido.modules.testing.TestConfigElement;
import io.lido.modules.testing.TestRequestContext;
import io.lido.modules.testing.TestSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProtocolSupportModuleTest {
    @TempDir
    Path root;
    private TestSite site;

    @BeforeEach
    void setUp() {
        site = new TestSite(root);
        TestConfigElement protocol = site.config().section(CustomHeaders.SECTION);
        protocol.child("customHeaders").add("name", "X-Content-Type-Options", "value", "nosniff")
                .add("name", "X-Frame-Options", "value", "DENY");
        protocol.child("redirectHeaders").add("name", "X-Redirected-By", "value", "Lido");
    }

    private TestRequestContext context() {
        return site.get("/").with(new ProtocolSupportModule(new SectionCache<>(CustomHeaders::from)));
    }

    @Test
    void addsCustomHeadersJustBeforeTheHeadersAreSent() throws Exception {
        TestRequestContext context = context();
        assertThat(context.subscribedEvents()).containsExactly(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        context.raise(PipelineEvent.BEGIN_REQUEST);
        assertThat(context.response().header("X-Frame-Options")).isNull();
        context.raise(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        assertThat(context.response().header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(context.response().header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(context.response().header("X-Redirected-By")).isNull();
    }

    @Test
    void errorResponsesGetThemTooAndConfiguredValuesWin() throws Exception {
        TestRequestContext context = context();
        context.response().status(404);
        context.response().header("X-Frame-Options", "SAMEORIGIN");
        context.raise(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        assertThat(context.response().headers("X-Frame-Options")).containsExactly("DENY");
        assertThat(context.response().header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void redirectHeadersOnlyOnRedirects() throws Exception {
        TestRequestContext context = context();
        context.response().status(301);
        context.raise(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        assertThat(context.response().header("X-Redirected-By")).isEqualTo("Lido");
    }

    @Test
    void keepAliveIsRefusedWhenDisallowed() throws Exception {
        TestRequestContext allowed = context();
        allowed.raise(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        assertThat(allowed.response().header("Connection")).isNull();
        site.config().section(CustomHeaders.SECTION).set("allowKeepAlive", "false");
        TestRequestContext refused = context();
        refused.raise(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        assertThat(refused.response().header("Connection")).isEqualTo("close");
    }

    @Test
    void aClearedCollectionAddsNothing() throws Exception {
        site.config().section(CustomHeaders.SECTION).child("customHeaders").clear();
        TestRequestContext context = context();
        context.raise(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        assertThat(context.response().header("X-Frame-Options")).isNull();
    }
}
