package io.lido.servlet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parent of a web application's loader: the JDK, Jakarta and Jetty, and nothing else of the process. */
class WebApplicationParentLoaderTest {
    private final WebApplicationParentLoader loader = new WebApplicationParentLoader();

    @Test
    void jakartaAndTheJdkComeFromTheServerSoTheyAreTheTypesJettyUses() throws Exception {
        assertThat(loader.loadClass("jakarta.servlet.Servlet")).isSameAs(jakarta.servlet.Servlet.class);
        assertThat(loader.loadClass("java.util.List")).isSameAs(java.util.List.class);
        assertThat(loader.getResource("jakarta/servlet/Servlet.class")).isNotNull();
    }

    @Test
    void lidoAndItsLibrariesAreInvisible() {
        for (String name : new String[] {"io.lido.runtime.HttpRuntime", "io.lido.api.HttpHandler", "org.slf4j.Logger",
                "io.lido.servlet.JettyServletContainer"}) {
            assertThatThrownBy(() -> loader.loadClass(name)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(loader.getResource("org/slf4j/Logger.class")).isNull();
        assertThat(loader.getResource("io/lido/servlet/JettyServletContainer.class")).isNull();
    }
}
