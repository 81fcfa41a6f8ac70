package io.lido.runtime.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A web application's shadow copy: a .war extracted, a folder copied, per generation, private to the process. */
class WebApplicationShadowCopyTest {
    @TempDir
    Path dir;

    @Test
    void aWarIsExtractedIntoAPrivateFolderPerGenerationBesideAnEmptyTemporaryFolder() throws IOException {
        Path war = dir.resolve("app.war");
        writeZip(war, "WEB-INF/web.xml", "<web-app/>", "index.html", "hi");
        ShadowCopy copy = ShadowCopy.createWebApplication(war, "1_war-test", 1);
        try {
            assertThat(copy.webApplicationFolder().resolve("WEB-INF/web.xml")).hasContent("<web-app/>");
            assertThat(copy.webApplicationFolder().resolve("index.html")).hasContent("hi");
            assertThat(copy.temporaryFolder()).isEmptyDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.webApplicationFolder().resolve("WEB-INF"))))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.webApplicationFolder().resolve("index.html"))))
                    .isEqualTo("rw-------");
            Files.delete(war);
            assertThat(copy.webApplicationFolder().resolve("index.html")).as("the copy outlives the WAR").exists();
        } finally {
            copy.delete();
        }
        assertThat(copy.folder()).doesNotExist();
    }

    @Test
    void aWarEntryThatWouldLeaveTheFolderRefusesTheWar() throws IOException {
        Path war = dir.resolve("evil.war");
        writeZip(war, "index.html", "hi", "../../escaped.txt", "gotcha");
        assertThatThrownBy(() -> ShadowCopy.createWebApplication(war, "1_evil", 1))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("names a file outside the application");
        assertThat(ShadowCopy.root().resolve(Long.toString(ProcessHandle.current().pid())).resolve("1_evil/1"))
                .doesNotExist();
    }

    @Test
    void anUnpackedApplicationIsCopiedWithoutItsLinks() throws IOException {
        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve("WEB-INF/classes/demo"));
        Files.writeString(app.resolve("WEB-INF/classes/demo/A.class"), "bytes");
        Files.writeString(dir.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(app.resolve("link.txt"), dir.resolve("secret.txt"));
        ShadowCopy copy = ShadowCopy.createWebApplication(app, "1_folder", 2);
        try {
            assertThat(copy.webApplicationFolder().resolve("WEB-INF/classes/demo/A.class")).hasContent("bytes");
            assertThat(copy.webApplicationFolder().resolve("link.txt")).doesNotExist();
        } finally {
            copy.delete();
        }
    }

    private static void writeZip(Path file, String... namesAndContents) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
