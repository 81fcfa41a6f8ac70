package io.lido.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Writes an applicationHost.config (one site "S" with applications "/" in ../www and "/app" in ../app,
 * pool "P") and web.config files into a temporary folder, and loads them.
 */
final class ConfigFixture {
    static final String POOLS_AND_SITES = """
              <system.applicationHost>
                <applicationPools>
                  <add name="P" />
                </applicationPools>
                <sites>
                  <site name="S" id="1">
                    <application path="/" applicationPool="P">
                      <virtualDirectory path="/" physicalPath="../www" />
                      <virtualDirectory path="/shared" physicalPath="../shared" />
                    </application>
                    <application path="/app" applicationPool="P">
                      <virtualDirectory path="/" physicalPath="../app" />
                    </application>
                    <bindings>
                      <binding protocol="http" bindingInformation="*:0:" />
                    </bindings>
                  </site>
                </sites>
              </system.applicationHost>
            """;

    final Path root;
    final Path hostFile;
    private String hostText;

    ConfigFixture(Path root) {
        this.root = root;
        this.hostFile = root.resolve("conf/applicationHost.config");
    }

    /** applicationHost.config with the standard pools and sites plus {@code rest} (sections, locations). */
    ConfigFixture host(String rest) {
        return hostRaw("<configuration>\n" + POOLS_AND_SITES + rest + "\n</configuration>\n");
    }

    /** applicationHost.config exactly as given (and the folders www, shared and app). */
    ConfigFixture hostRaw(String text) {
        // The folders of POOLS_AND_SITES' virtual directories: a missing one is refused.
        for (String folder : List.of("www", "shared", "app")) {
            mkdirs(root.resolve(folder));
        }
        hostText = text;
        write(hostFile, text);
        return this;
    }

    /** A web.config in {@code folder} (relative to the fixture root, e.g. "www/admin"). */
    Path webConfig(String folder, String body) {
        Path file = root.resolve(folder).resolve("web.config");
        write(file, "<configuration>\n" + body + "\n</configuration>\n");
        return file;
    }

    ServerConfig load() {
        return ConfigLoader.load(hostFile);
    }

    ServerConfig load(Clock clock) {
        return ConfigLoader.load(hostFile, clock);
    }

    /** The 1-based line of applicationHost.config that first contains {@code needle}. */
    int hostLine(String needle) {
        return lineOf(hostText, needle);
    }

    static int lineOf(String text, String needle) {
        int index = text.indexOf(needle);
        if (index < 0) {
            throw new IllegalArgumentException(needle + " not in text");
        }
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    static void mkdirs(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
