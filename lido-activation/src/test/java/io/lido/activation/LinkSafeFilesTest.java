package io.lido.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkSafeFilesTest {
    @TempDir
    Path dir;

    @Test
    void deletingATreeDeletesLinksNotWhatTheyPointAt() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious"), "keep");
        Path tree = Files.createDirectories(dir.resolve("tree/sub/deeper"));
        Files.writeString(tree.resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("tree/sub/to-folder"), outside);
        Files.createSymbolicLink(dir.resolve("tree/to-file"), precious);

        LinkSafeFiles.deleteTree(dir.resolve("tree"));

        assertThat(dir.resolve("tree")).doesNotExist();
        assertThat(precious).hasContent("keep");
        LinkSafeFiles.deleteTree(dir.resolve("tree")); // gone already: nothing to do
    }

    @Test
    void aLinkInPlaceOfTheFolderIsDeletedItself() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("training"), outside);

        LinkSafeFiles.deleteTree(link);

        assertThat(link).doesNotExist();
        assertThat(outside.resolve("precious")).hasContent("keep");
    }

    @Test
    void copyingAUsersFileRefusesALinkAndAFileOfAnotherOwner() throws Exception {
        int me = TrustedFolder.Users.current();
        Path file = Files.writeString(dir.resolve("cache.aot"), "a cache");
        LinkSafeFiles.copyOwnedFile(file, me, dir.resolve("copy.aot"));
        assertThat(dir.resolve("copy.aot")).hasContent("a cache");

        Path link = Files.createSymbolicLink(dir.resolve("link.aot"), file);
        assertThatThrownBy(() -> LinkSafeFiles.copyOwnedFile(link, me, dir.resolve("other.aot")))
                .hasMessageContaining("is not a plain file");
        assertThatThrownBy(() -> LinkSafeFiles.copyOwnedFile(file, me + 1, dir.resolve("other.aot")))
                .hasMessageContaining("is not a plain file of uid " + (me + 1));
        Files.createLink(dir.resolve("hard.aot"), file);
        assertThatThrownBy(() -> LinkSafeFiles.copyOwnedFile(file, me, dir.resolve("other.aot")))
                .as("a second name: possibly someone else's file").hasMessageContaining("is not a plain file");
        assertThat(dir.resolve("other.aot")).doesNotExist();
    }
}
