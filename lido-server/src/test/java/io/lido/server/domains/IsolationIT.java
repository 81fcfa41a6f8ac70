package io.lido.server.domains;

import io.lido.server.activation.HostProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 part 1 through the distribution: applications A (greeting library v1) and B (v2, the same class
 * names) share a pool, once in a worker process ({@code /a}, {@code /b}) and once in the host
 * ({@code /ia}, {@code /ib}), and each sees only its own library, its own static fields and the API.
 */
class IsolationIT {
    @TempDir
    static Path dir;
    private static HostProcess host;

    @BeforeAll
    static void startHost() throws Exception {
        DomainSite site = new DomainSite().application("a", DomainSite.WORKERS).application("b", DomainSite.WORKERS)
                .application("ia", DomainSite.IN_HOST).application("ib", DomainSite.IN_HOST);
        Path config = site.write(dir);
        for (String prefix : new String[] {"", "i"}) {
            SampleApps.isolationA(dir.resolve(prefix + "a"), 1);
            SampleApps.isolationB(dir.resolve(prefix + "b"));
        }
        host = HostProcess.start(config, Map.of());
    }

    @AfterAll
    static void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest(name = "pool of /{0}")
    @ValueSource(strings = {"", "i"})
    void twoApplicationsOfOnePoolUseTheirOwnLibraryVersionAndStaticFields(String prefix) throws Exception {
        long a = calls(body("/" + prefix + "a/greeting"), "app=a lib=v1 ");
        long b = calls(body("/" + prefix + "b/greeting"), "app=b lib=v2 ");
        for (int i = 1; i <= 3; i++) {
            assertThat(calls(body("/" + prefix + "a/greeting"), "app=a lib=v1 ")).isEqualTo(a + i);
        }
        assertThat(calls(body("/" + prefix + "b/greeting"), "app=b lib=v2 ")).as("B's own copy of the static counter")
                .isEqualTo(b + 1);
        assertThat(body("/" + prefix + "a/greeting")).as("the request thread's context classloader").endsWith(" tccl=app");
    }

    @Test
    void theTwoWorkerApplicationsShareOneWorkerProcess() throws Exception {
        body("/a/greeting");
        body("/b/greeting");
        assertThat(host.workers()).hasSize(1);
    }

    @ParameterizedTest(name = "pool of /{0}")
    @ValueSource(strings = {"", "i"})
    void anApplicationSeesTheJdkAndTheApiButNotTheServerNorOtherApplications(String prefix) throws Exception {
        String probe = "/" + prefix + "a/probe?class=";
        assertThat(body(probe + "java.util.List")).isEqualTo("visible");
        assertThat(body(probe + "io.lido.api.HttpContext")).isEqualTo("visible");
        assertThat(body(probe + "samples.lib.Greeting")).isEqualTo("visible");
        assertThat(body(probe + "samples.isolation.b.GreetingHandler")).as("the other application").isEqualTo("invisible");
        assertThat(body(probe + "io.lido.runtime.HttpRuntime")).as("the runtime").isEqualTo("invisible");
        assertThat(body(probe + "io.lido.config.ServerConfig")).as("the configuration").isEqualTo("invisible");
        assertThat(body(probe + "io.netty.channel.Channel")).as("the listener's library").isEqualTo("invisible");
        assertThat(body(probe + "org.slf4j.Logger")).as("the server's logging").isEqualTo("invisible");
    }

    /** The calls=N of a greeting answer, after checking it starts with {@code expectedStart}. */
    private static long calls(String answer, String expectedStart) {
        assertThat(answer).startsWith(expectedStart);
        return Long.parseLong(answer.replaceFirst(".* calls=(\\d+).*", "$1"));
    }

    private static String body(String path) throws Exception {
        var response = host.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
