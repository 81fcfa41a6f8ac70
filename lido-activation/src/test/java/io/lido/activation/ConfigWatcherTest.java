package io.lido.activation;

import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aChangedFileIsLoadedAndHandedOnOnceAndAnInvalidOneIsIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("applicationHost.config"), "<configuration/>");
        List<ServerConfig> applied = new ArrayList<>();
        boolean[] invalid = {false};
        ServerConfig loaded = new ControlChannelTest.TestServerConfig(file, List.of());
        ConfigWatcher watcher = new ConfigWatcher(file, path -> {
            if (invalid[0]) {
                throw new ConfigException(null, "applicationHost.config:1: broken");
            }
            return loaded;
        }, applied::add);

        watcher.check();
        assertThat(applied).as("unchanged").isEmpty();

        Files.writeString(file, "<configuration> </configuration>");
        watcher.check();
        watcher.check();
        assertThat(applied).containsExactly(loaded);

        invalid[0] = true;
        Files.writeString(file, "<configuration");
        watcher.check();
        assertThat(applied).as("an invalid file changes nothing").hasSize(1);
    }
}
