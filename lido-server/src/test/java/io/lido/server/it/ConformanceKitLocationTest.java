package io.lido.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the conformance kit's tests run, are skipped with a notice, or fail: a workspace laid out in a folder. */
class ConformanceKitLocationTest {
    @TempDir
    Path workspace;

    private Path repository;
    private Path besideTheRepository;

    @BeforeEach
    void layOut() throws IOException {
        repository = Files.createDirectories(workspace.resolve("main"));
        besideTheRepository = workspace.resolve("shared/conformance/run.py");
    }

    @Test
    void theKitBesideTheRepositoryIsFoundWithOrWithoutCi() throws IOException {
        createKit(besideTheRepository);

        assertThat(ConformanceKitLocation.decide(null, null, repository))
                .isEqualTo(new ConformanceKitLocation.Found(besideTheRepository));
        assertThat(ConformanceKitLocation.decide("", "true", repository))
                .isEqualTo(new ConformanceKitLocation.Found(besideTheRepository));
    }

    @Test
    void withoutAKitAndWithoutCiTheTestsAreSkippedWithANoticeNamingTheProperty() {
        for (String ci : new String[] {null, "", " ", "false", "FALSE", "0"}) {
            ConformanceKitLocation location = ConformanceKitLocation.decide(null, ci, repository);

            assertThat(location).as("CI=%s", ci).isInstanceOf(ConformanceKitLocation.Skipped.class);
            assertThat(((ConformanceKitLocation.Skipped) location).notice())
                    .contains(besideTheRepository.toString(), "-Dlido.conformance.kit=/path/to/run.py", "skipped");
        }
    }

    @Test
    void withoutAKitCiFailsNamingWhereTheKitWasLookedFor() {
        for (String ci : new String[] {"true", "1", "yes"}) {
            assertThatThrownBy(() -> ConformanceKitLocation.decide(null, ci, repository))
                    .as("CI=%s", ci).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(besideTheRepository.toString())
                    .hasMessageContaining("CI=" + ci + " requires the kit");
        }
    }

    @Test
    void aKitNamedByThePropertyIsUsedInsteadOfTheOneBesideTheRepository() throws IOException {
        createKit(besideTheRepository);
        Path other = workspace.resolve("elsewhere/run.py");
        createKit(other);

        assertThat(ConformanceKitLocation.decide(other.toString(), null, repository))
                .isEqualTo(new ConformanceKitLocation.Found(other));
    }

    @Test
    void aPropertyNamingNoFileFailsEvenWithoutCi() {
        Path missing = workspace.resolve("nowhere/run.py");

        assertThatThrownBy(() -> ConformanceKitLocation.decide(missing.toString(), null, repository))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Dlido.conformance.kit=" + missing + " names no file");
    }

    private static void createKit(Path runPy) throws IOException {
        Files.createDirectories(runPy.getParent());
        Files.writeString(runPy, "# the kit\n");
    }
}
