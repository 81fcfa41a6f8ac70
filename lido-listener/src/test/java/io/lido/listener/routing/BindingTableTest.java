package io.lido.listener.routing;

import io.lido.config.ServerConfig;
import io.lido.listener.testing.HostConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BindingTableTest {
    @TempDir
    Path dir;

    private ServerConfig config() {
        return HostConfig.load(dir, HostConfig.site("Any", 1, dir, "*:8080:", "")
                + HostConfig.site("Named", 2, dir, "*:8080:www.example.com", "", "/reports", "/reports/admin")
                + HostConfig.site("OnIp", 3, dir, "127.0.0.2:8080:", "")
                + HostConfig.site("Other", 4, dir, "127.0.0.1:9090:only.example", ""), "");
    }

    @Test
    void sharesOneWildcardSocketPerPortAndRoutesWithIisPrecedence() {
        BindingTable table = BindingTable.build(config());
        assertThat(table.endpoints()).extracting(Endpoint::toString).containsExactly("*:8080", "127.0.0.1:9090");
        Endpoint shared = table.endpoints().get(0);
        assertThat(shared.route("127.0.0.1", "www.example.com").site().name()).isEqualTo("Named");
        assertThat(shared.route("127.0.0.2", "www.example.com").site().name()).isEqualTo("Named");
        assertThat(shared.route("127.0.0.2", "other.example").site().name()).isEqualTo("OnIp");
        assertThat(shared.route("127.0.0.1", "other.example").site().name()).isEqualTo("Any");
        assertThat(shared.route("127.0.0.1", "").site().name()).isEqualTo("Any");
        Endpoint other = table.endpoints().get(1);
        assertThat(other.route("127.0.0.1", "only.example").site().name()).isEqualTo("Other");
        assertThat(other.route("127.0.0.1", "else.example")).isNull();
        assertThat(table.firstEndpoint("Other")).isSameAs(other);
    }

    @Test
    void longestApplicationPathWinsSegmentWiseAndIgnoringCase() {
        SiteRoute named = BindingTable.build(config()).site("Named");
        assertThat(named.application("/reports").application().path()).isEqualTo("/reports");
        assertThat(named.application("/Reports/x").application().path()).isEqualTo("/reports");
        assertThat(named.application("/REPORTS/Admin/y").application().path()).isEqualTo("/reports/admin");
        assertThat(named.application("/reportsX").application().path()).isEqualTo("/");
        assertThat(named.application("/").application().path()).isEqualTo("/");
    }

    @Test
    void readsTheApplicationsRequestLimitsFromConfiguration() {
        Path app = dir.resolve("app");
        ServerConfig config = HostConfig.load(dir, HostConfig.site("S", 1, app, "*:0:", ""), """
                <system.webServer>
                  <security><requestFiltering>
                    <requestLimits maxAllowedContentLength="1000" maxUrl="100" maxQueryString="10" />
                  </requestFiltering></security>
                </system.webServer>
                """);
        ApplicationRoute route = BindingTable.build(config).site("S").application("/x");
        assertThat(route.limits()).isEqualTo(new RequestLimits(1000, 100, 10));
    }
}
