package io.lido.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@code lido run} looks for its default configuration. */
class LidoHomeTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(LidoHome.PROPERTY);
    }

    @Test
    void theLauncherPropertyWins() {
        System.setProperty(LidoHome.PROPERTY, "/opt/lido/bin/..");

        assertThat(LidoHome.find()).hasValue(Path.of("/opt/lido"));
        assertThat(LidoHome.defaultConfig(Path.of("/opt/lido")))
                .isEqualTo(Path.of("/opt/lido/conf/applicationHost.config"));
    }

    @Test
    void classFoldersAreNoDistribution() {
        // Tests run from target/classes, not from a distribution's lib/*.jar.
        assertThat(LidoHome.find()).isEmpty();
    }
}
