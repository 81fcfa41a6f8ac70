package io.lido.runtime.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShadowCopyTest {
    @TempDir
    Path dir;

    @Test
    void aRootThatOthersCanWriteOrThatIsALinkIsRefusedAndGetsNothing() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> ShadowCopy.checkedRoot(shared))
                .hasMessageContaining("refusing the shadow copy folder " + shared).hasMessageContaining("mode 0777");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("real")));
        assertThatThrownBy(() -> ShadowCopy.checkedRoot(link)).hasMessageContaining("not a folder (a link or a file)");
        try (var entries = Files.list(shared)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void withoutARootSettingTheProcessMakesAPrivateOneAndTheCopiesAreItsAlone() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("a.jar"), "jar a");
        String previous = System.clearProperty(ShadowCopy.ROOT_PROPERTY);
        try {
            Path root = ShadowCopy.root();
            assertThat(root.getFileName().toString()).startsWith("lido-shadow-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
            ShadowCopy copy = ShadowCopy.create(bin, "9_private", 1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.folder().resolve("a.jar"))))
                    .isEqualTo("rw-------");
            copy.delete();
        } finally {
            restore(previous);
        }
    }

    @Test
    void copiesTheJarsOfBinOnlyAndDeletesTheCopyAfterwards() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("a.jar"), "jar a");
        Files.writeString(bin.resolve("B.JAR"), "jar b");
        Files.writeString(bin.resolve("notes.txt"), "not a jar");
        String previous = System.setProperty(ShadowCopy.ROOT_PROPERTY, dir.resolve("shadow").toString());
        try {
            ShadowCopy copy = ShadowCopy.create(bin, "7_app-1", 3);

            assertThat(copy.folder()).isEqualTo(dir.resolve("shadow").resolve(Long.toString(ProcessHandle.current().pid()))
                    .resolve("7_app-1").resolve("3"));
            assertThat(copy.folder().resolve("a.jar")).hasContent("jar a");
            assertThat(copy.folder().resolve("B.JAR")).hasContent("jar b");
            assertThat(copy.folder().resolve("notes.txt")).doesNotExist();

            Files.writeString(bin.resolve("a.jar"), "overwritten by a deployment");
            assertThat(copy.folder().resolve("a.jar")).hasContent("jar a");

            copy.delete();
            assertThat(copy.folder()).doesNotExist();
        } finally {
            restore(previous);
        }
    }

    @Test
    void aMissingBinGivesAnEmptyCopy() {
        String previous = System.setProperty(ShadowCopy.ROOT_PROPERTY, dir.resolve("shadow").toString());
        try {
            ShadowCopy copy = ShadowCopy.create(dir.resolve("no-bin"), "1_root-1", 1);
            assertThat(copy.folder()).isEmptyDirectory();
        } finally {
            restore(previous);
        }
    }

    @Test
    void theSweepDeletesTheFoldersOfProcessesThatAreGone() throws Exception {
        Path root = dir.resolve("shadow");
        Path mine = Files.createDirectories(root.resolve(Long.toString(ProcessHandle.current().pid())).resolve("1_root-1"));
        // Far above any pid_max, so no such process can exist.
        Path dead = Files.createDirectories(root.resolve("2147483646").resolve("1_root-1").resolve("1"));
        Files.writeString(dead.resolve("app.jar"), "left behind");
        Path other = Files.createDirectories(root.resolve("not-a-pid"));

        ShadowCopy.sweepDeadProcesses(root);

        assertThat(root.resolve("2147483646")).doesNotExist();
        assertThat(mine).exists();
        assertThat(other).exists();
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(ShadowCopy.ROOT_PROPERTY);
        } else {
            System.setProperty(ShadowCopy.ROOT_PROPERTY, previous);
        }
    }
}
