package io.lido.server.it;

import io.lido.server.LidoTestServer;
import io.lido.server.TestApplicationJar;

/** A test application whose handler at {@code /echo} answers "received N: " and the request body it read. */
final class EchoApplication {
    /** The {@code handlers} element that maps {@code /echo} (for a web.config with more settings). */
    private static final String HANDLERS = """
            <handlers>
              <add name="Echo" path="echo" verb="POST,PUT" type="test.echo.EchoHandler" />
            </handlers>
            """;

    private static final String WEB_CONFIG = webConfig("");

    private static final String SOURCE = """
            package test.echo;

            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;

            public class EchoHandler implements HttpHandler {
                @Override
                public void processRequest(HttpContext context) throws Exception {
                    byte[] body = context.request().body().readAllBytes();
                    context.response().contentType("text/plain; charset=iso-8859-1");
                    context.response().write("received " + body.length + ": ");
                    context.response().write(body);
                }
            }
            """;

    private EchoApplication() {
    }

    /** Deploys the echo handler as the code and web.config of the root application in wwwroot/. */
    static LidoTestServer.Builder deploy(LidoTestServer.Builder builder) {
        return deploy(builder, "wwwroot");
    }

    /** Deploys the echo handler into {@code root/bin} and {@code root/web.config} (root relative to the base). */
    static LidoTestServer.Builder deploy(LidoTestServer.Builder builder, String root) {
        return builder.file(root + "/bin/echo.jar", jar()).file(root + "/web.config", WEB_CONFIG);
    }

    /** The application jar holding {@code test.echo.EchoHandler}. */
    static byte[] jar() {
        return TestApplicationJar.builder().source("test.echo.EchoHandler", SOURCE).build();
    }

    /** A web.config mapping {@code /echo}, with more {@code system.webServer} content. */
    static String webConfig(String moreSystemWebServer) {
        return "<configuration>\n  <system.webServer>\n" + HANDLERS + moreSystemWebServer
                + "  </system.webServer>\n</configuration>\n";
    }
}
