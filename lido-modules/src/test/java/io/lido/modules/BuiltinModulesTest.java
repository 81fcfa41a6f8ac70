package io.lido.modules;

import io.lido.modules.staticfile.StaticFileHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinModulesTest {

    @Test
    void modulesAreNamedAndOrderedAsInIis() {
        BuiltinModules catalog = new BuiltinModules();
        assertThat(catalog.modules().sequencedKeySet())
                .containsExactly("RequestFilteringModule", "HttpRedirectionModule", "BasicAuthenticationModule",
                        "AnonymousAuthenticationModule", "UrlAuthorizationModule", "UrlAuthorization",
                        "ProtocolSupportModule");
        assertThat(catalog.modules().get("UrlAuthorization").get()).hasToString("UrlAuthorization");
        assertThat(catalog.modules().get("RequestFilteringModule").get()).hasToString("RequestFilteringModule");
        assertThat(catalog.modules().get("HttpRedirectionModule").get())
                .isNotSameAs(catalog.modules().get("HttpRedirectionModule").get());
        assertThat(catalog.staticFileHandler()).isInstanceOf(StaticFileHandler.class);
        assertThat(catalog.staticFileHandler().isReusable()).isTrue();
    }
}
