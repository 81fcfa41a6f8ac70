package io.lido.server.it;

import io.lido.server.LidoTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code system.applicationHost/webLimits} in applicationHost.config reaches the server's listener: a connection
 * that sends nothing is closed after webLimits {@code headerWaitTimeout}, not after its site's two-minute
 * connectionTimeout, and httperr says {@code Timer_HeaderWait}.
 */
class WebLimitsSocketTest {
    @TempDir
    Path dir;

    @Test
    void aSilentConnectionIsClosedAfterWebLimitsHeaderWaitTimeout() throws Exception {
        String config = SiteConfigs.applicationHost(SiteConfigs.site("Site", 1, "", "", ""))
                .replace("</sites>", "</sites>\n<webLimits headerWaitTimeout=\"00:00:01\" />");
        try (LidoTestServer lido = LidoTestServer.in(dir).serverConfig(config).site("Site").start();
             Socket silent = new Socket("127.0.0.1", lido.port())) {
            silent.setSoTimeout(10_000);
            InputStream in = silent.getInputStream();
            long start = System.nanoTime();
            assertThat(in.read()).as("closed without an answer").isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(500L, 8000L);
        }
        assertThat(LogFiles.entries(dir.resolve("logs/HTTPERR"))).singleElement().asString()
                .contains("Timer_HeaderWait");
    }
}
