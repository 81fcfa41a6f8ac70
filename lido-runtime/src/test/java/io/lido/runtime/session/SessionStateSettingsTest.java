package io.lido.runtime.session;

import io.lido.config.ConfigException;
import io.lido.config.HostingModel;
import io.lido.config.SourceLocation;
import io.lido.runtime.testing.MemoryElement;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStateSettingsTest {
    private final MemoryElement section = new MemoryElement("sessionState")
            .at(new SourceLocation(Path.of("/site/web.config"), 4));
    private final MemoryElement httpRuntime = new MemoryElement("httpRuntime");

    private SessionStateSettings bind(HostingModel hosting, boolean stateServer) {
        return SessionStateSettings.bind(section, httpRuntime, hosting, stateServer);
    }

    @Test
    void defaultsFollowAspNetWithTheLockTimeoutFromExecutionTimeout() {
        SessionStateSettings settings = bind(HostingModel.IN_PROCESS, true);
        assertThat(settings.mode()).isEqualTo(SessionStateMode.IN_PROC);
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(settings.cookieName()).isEqualTo("ASP.NET_SessionId");
        assertThat(settings.regenerateExpiredSessionId()).isTrue();
        assertThat(settings.sameSite()).isEqualTo("Lax");
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(110));
    }

    @Test
    void anUnwrittenModeIsStateServerOnlyForOutOfProcessPoolsOfAProcessThatHasOne() {
        assertThat(bind(HostingModel.OUT_OF_PROCESS, true).mode()).isEqualTo(SessionStateMode.STATE_SERVER);
        assertThat(bind(HostingModel.OUT_OF_PROCESS, false).mode()).isEqualTo(SessionStateMode.IN_PROC);
        assertThat(bind(HostingModel.IN_PROCESS, true).mode()).isEqualTo(SessionStateMode.IN_PROC);
        assertThat(bind(null, true).mode()).isEqualTo(SessionStateMode.IN_PROC);
    }

    @Test
    void aWrittenModeWins() {
        section.set("mode", "InProc");
        assertThat(bind(HostingModel.OUT_OF_PROCESS, true).mode()).isEqualTo(SessionStateMode.IN_PROC);
        section.set("mode", "Off");
        assertThat(bind(HostingModel.OUT_OF_PROCESS, true).mode()).isEqualTo(SessionStateMode.OFF);
        section.set("mode", "StateServer");
        assertThat(bind(HostingModel.IN_PROCESS, true).mode()).isEqualTo(SessionStateMode.STATE_SERVER);
    }

    @Test
    void customModeIsRefusedNamingFileLineAndAttribute() {
        section.set("mode", "Custom");
        assertThatThrownBy(() -> bind(HostingModel.IN_PROCESS, true)).isInstanceOf(ConfigException.class)
                .hasMessage("/site/web.config:4: <sessionState> in system.web: attribute \"mode\" value \"Custom\" is not"
                        + " supported by Lido; use InProc or StateServer");
    }

    @Test
    void cookielessIsRefusedUnlessSessionsAreOff() {
        section.set("cookieless", "AutoDetect");
        assertThatThrownBy(() -> bind(HostingModel.IN_PROCESS, true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("attribute \"cookieless\" value \"AutoDetect\" is not supported by Lido");
        section.set("mode", "Off");
        assertThat(bind(HostingModel.IN_PROCESS, true).mode()).isEqualTo(SessionStateMode.OFF);
    }

    @Test
    void aTimeoutOutOfRangeAndABadCookieNameAreRefused() {
        section.set("timeout", "0");
        assertThatThrownBy(() -> bind(HostingModel.IN_PROCESS, true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("attribute \"timeout\" must be between 1 and 525600 minutes, not 0");
        section.set("timeout", "600");
        section.set("cookieName", "my session");
        assertThatThrownBy(() -> bind(HostingModel.IN_PROCESS, true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("attribute \"cookieName\" \"my session\" is not a valid cookie name");
    }

    @Test
    void sameSiteUnspecifiedMeansNoAttribute() {
        section.set("cookieSameSite", "Unspecified");
        assertThat(bind(HostingModel.IN_PROCESS, true).sameSite()).isNull();
    }
}
