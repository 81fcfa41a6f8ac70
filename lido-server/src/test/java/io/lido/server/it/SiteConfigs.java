package io.lido.server.it;

/**
 * applicationHost.config text for tests that need site settings {@code LidoTestServer.addSite} does not
 * cover (a disabled log, limits): sites whose root application in DefaultAppPool serves
 * {@code wwwroot/<folder>} and logs to {@code logs/}.
 */
final class SiteConfigs {
    private SiteConfigs() {
    }

    /** A whole applicationHost.config holding these {@code <site>} elements. */
    static String applicationHost(String... sites) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="DefaultAppPool" hostingModel="inProcess" />
                    </applicationPools>
                    <sites>
                %s
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(String.join("\n", sites));
    }

    /**
     * One site on 127.0.0.1 with an ephemeral port.
     *
     * @param folder   its root under wwwroot/ ("" for wwwroot itself)
     * @param settings more child elements, e.g. {@code <limits connectionTimeout="00:00:01" />}
     * @param logFile  the {@code logFile} attributes after {@code directory="../logs"}, e.g. {@code enabled="false"}
     */
    static String site(String name, long id, String folder, String settings, String logFile) {
        return """
                      <site name="%s" id="%d">
                        <application path="/" applicationPool="DefaultAppPool">
                          <virtualDirectory path="/" physicalPath="../wwwroot/%s" />
                        </application>
                        <bindings>
                          <binding protocol="http" bindingInformation="127.0.0.1:0:" />
                        </bindings>
                        %s
                        <logFile directory="../logs" %s />
                      </site>
                """.formatted(name, id, folder, settings, logFile);
    }
}
