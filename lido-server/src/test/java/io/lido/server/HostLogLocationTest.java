package io.lido.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@code lido recycle app} sends the operator for an in-process application's stack trace. */
class HostLogLocationTest {
    @TempDir
    Path dir;

    @Test
    void aStandardErrorThatIsAFileIsNamed() throws Exception {
        Path log = Files.writeString(dir.resolve("lido.log"), "");
        Path descriptor = Files.createSymbolicLink(dir.resolve("2"), log);
        assertThat(HostLogLocation.describe(descriptor)).isEqualTo("Lido's log (" + log + ")");
    }

    @Test
    void aTerminalOrAPipeIsJustStandardError() throws Exception {
        Path pipe = Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[4242]"));
        assertThat(HostLogLocation.describe(pipe)).isEqualTo("Lido's log (its standard error)");
        assertThat(HostLogLocation.describe(dir.resolve("missing"))).isEqualTo("Lido's log (its standard error)");
    }
}
