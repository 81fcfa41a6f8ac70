package io.lido.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedFolderTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFolderIsCreatedWithTheModeAskedFor() throws Exception {
        Path folder = TrustedFolder.ensure(dir.resolve("work/run"), TrustedFolder.TRAVERSE);
        assertThat(mode(folder) & 0777).isEqualTo(0751);
        assertThat(mode(TrustedFolder.ensure(folder, TrustedFolder.OWNER_ONLY)) & 0777).as("reused, mode set")
                .isEqualTo(0700);
    }

    @Test
    void aFolderOthersCanWriteIsRefusedNamingItsModeAndOwner() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> TrustedFolder.ensure(shared, TrustedFolder.PRIVATE))
                .isInstanceOf(TrustedFolder.UntrustedFolderException.class)
                .hasMessageContaining("refusing the folder " + shared + ": other users can write it (mode 0777, owner ");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> TrustedFolder.check(shared)).as("the group too").hasMessageContaining("mode 0770");
    }

    @Test
    void aLinkIsRefusedEvenToAGoodFolder() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertThatThrownBy(() -> TrustedFolder.ensure(link, TrustedFolder.PRIVATE))
                .hasMessageContaining("refusing the folder " + link + ": it is a symbolic link");
    }

    @Test
    void aFolderOfAnotherUserIsRefusedNamingTheUser() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TrustedFolder.Users.current() == 0, "only root can chown");
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.setAttribute(theirs, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        assertThatThrownBy(() -> TrustedFolder.ensure(theirs, TrustedFolder.PRIVATE))
                .hasMessageContaining("refusing the folder " + theirs + ": it is owned by "
                        + TrustedFolder.Users.name(65534) + ", not by user 'root' (uid 0) who runs Lido");
    }

    @Test
    void theAdminGroupIsReadFromTheGroupFile() throws Exception {
        Path groups = Files.writeString(dir.resolve("group"), "root:x:0:\nlido-admins:x:1234:alice,bob\n");
        assertThat(AdminGroup.find(groups, "lido-admins")).contains(1234);
        assertThat(AdminGroup.find(groups, "wheel")).isEmpty();
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }
}
