package io.lido.server.domains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A site for the application domain tests: one site on an ephemeral port whose applications are each
 * served by pool "Workers" (outOfProcess, short timers) or "InHost" (inProcess). The root application is
 * an empty folder; every test application is a child {@code /NAME} with its own folder {@code base/NAME}.
 */
final class DomainSite {
    /** The outOfProcess pool. */
    static final String WORKERS = "Workers";
    /** The inProcess pool. */
    static final String IN_HOST = "InHost";

    private final Map<String, String> applications = new LinkedHashMap<>();

    /** Adds application {@code /name} in {@code pool}; its folder is {@code base/name}. */
    DomainSite application(String name, String pool) {
        applications.put(name, pool);
        return this;
    }

    /** Writes {@code base/conf/applicationHost.config} and the empty root folder; returns the configuration file. */
    Path write(Path base) throws IOException {
        Files.createDirectories(base.resolve("root"));
        for (String name : applications.keySet()) {
            Files.createDirectories(base.resolve(name));
        }
        String apps = applications.entrySet().stream().map(e -> """
                        <application path="/%s" applicationPool="%s">
                          <virtualDirectory path="/" physicalPath="../%s" />
                        </application>
                """.formatted(e.getKey(), e.getValue(), e.getKey())).collect(Collectors.joining());
        Path config = base.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="%s" hostingModel="outOfProcess">
                        <processModel pingInterval="00:00:01" pingResponseTime="00:00:05" startupTimeLimit="00:00:30"
                                      shutdownTimeLimit="00:00:05" />
                      </add>
                      <add name="%s" hostingModel="inProcess" />
                    </applicationPools>
                    <sites>
                      <site name="Domains" id="1">
                        <application path="/" applicationPool="%s">
                          <virtualDirectory path="/" physicalPath="../root" />
                        </application>
                %s
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(WORKERS, IN_HOST, IN_HOST, apps));
        return config;
    }
}
