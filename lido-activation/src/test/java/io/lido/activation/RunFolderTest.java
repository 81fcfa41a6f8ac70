package io.lido.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunFolderTest {
    @TempDir
    Path dir;

    @Test
    void aDistributionKeepsItsSocketsInWorkRun() throws Exception {
        Path run = RunFolder.of(Optional.of(dir.resolve("lido")));
        assertThat(run).isEqualTo(dir.resolve("lido/work/run"));
        assertThat((Integer) Files.getAttribute(run, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777).isEqualTo(0751);
    }

    @Test
    void aDistributionTooDeepForASocketPathGetsAShortPrivateFolder() throws Exception {
        Path deep = dir.resolve("a".repeat(60)).resolve("b".repeat(40));
        Path run = RunFolder.of(Optional.of(deep));
        try {
            assertThat(run.startsWith(deep)).isFalse();
            assertThat(RunFolder.fits(run)).isTrue();
            assertThat(run.getParent()).isIn(Path.of("/run/lido"),
                    Path.of("/tmp/lido-" + TrustedFolder.Users.current()),
                    Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")).map(x -> Path.of(x, "lido")).orElse(run));
            assertThat(RunFolder.of(Optional.of(deep))).as("the same home, the same folder").isEqualTo(run);
            assertThat(deep.resolve("work/run")).doesNotExist();
        } finally {
            Files.deleteIfExists(run);
        }
    }

    @Test
    void withoutADistributionTheProcessMakesAPrivateFolderOfItsOwn() {
        Path run = RunFolder.of(Optional.empty());
        assertThat(run.getFileName().toString()).startsWith("lido-run-");
        assertThat(RunFolder.of(Optional.empty())).isEqualTo(run);
    }
}
