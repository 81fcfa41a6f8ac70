package io.lido.listener.testing;

import io.lido.config.ConfigLoader;
import io.lido.config.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a real {@code applicationHost.config} (pool "P", the given sites, optional server-level
 * sections) into a folder and loads it with {@link ConfigLoader}, so listener tests run on the same
 * configuration objects as the server.
 */
public final class HostConfig {
    private HostConfig() {
    }

    /**
     * @param dir      folder to write {@code conf/applicationHost.config} into
     * @param sites    the {@code <site>} elements
     * @param sections more elements after {@code system.applicationHost} (e.g. {@code <location>})
     */
    public static ServerConfig load(Path dir, String sites, String sections) {
        return load(dir, sites, "", sections);
    }

    /** @param hostSections more elements inside {@code system.applicationHost} (e.g. {@code <webLimits>}) */
    public static ServerConfig load(Path dir, String sites, String hostSections, String sections) {
        String text = """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="P" />
                    </applicationPools>
                    <sites>
                %s
                    </sites>
                %s
                  </system.applicationHost>
                %s
                </configuration>
                """.formatted(sites, hostSections, sections);
        Path file = dir.resolve("conf/applicationHost.config");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigLoader.load(file);
    }

    /** One site serving {@code root} at "/" on every address, port {@code port} (0 = ephemeral). */
    public static ServerConfig singleSite(Path dir, String siteName, Path root, int port) {
        return load(dir, site(siteName, 1, root, "*:" + port + ":", ""), "");
    }

    /**
     * A {@code <site>} element: one binding, applications at "/" and {@code appPaths} all serving
     * {@code root}, and {@code extra} elements (e.g. {@code <limits>}).
     */
    public static String site(String name, long id, Path root, String binding, String extra, String... appPaths) {
        try {
            // Lido refuses a virtual directory whose folder does not exist.
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder apps = new StringBuilder();
        for (String path : java.util.stream.Stream.concat(java.util.stream.Stream.of("/"),
                java.util.Arrays.stream(appPaths)).toList()) {
            apps.append("  <application path=\"").append(path).append("\" applicationPool=\"P\">")
                    .append("<virtualDirectory path=\"/\" physicalPath=\"").append(root.toAbsolutePath())
                    .append("\" /></application>\n");
        }
        return "<site name=\"" + name + "\" id=\"" + id + "\">\n" + apps
                + "  <bindings><binding protocol=\"http\" bindingInformation=\"" + binding + "\" /></bindings>\n"
                + extra + "</site>\n";
    }
}
