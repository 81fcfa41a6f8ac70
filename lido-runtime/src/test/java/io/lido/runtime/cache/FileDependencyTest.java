package io.lido.runtime.cache;

import io.lido.api.CacheEntryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;

import static io.lido.api.CacheItemRemovedReason.DEPENDENCY_CHANGED;
import static io.lido.api.CacheItemRemovedReason.REMOVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileDependencyTest {
    @TempDir
    Path dir;
    private final Removals removals = new Removals();
    private final ApplicationCache cache = new ApplicationCache("/app", CacheSettings.DEFAULT, Clock.systemUTC(),
            getClass().getClassLoader(), MemoryPressure.of(CacheSettings.DEFAULT), null);

    @AfterEach
    void close() {
        cache.close();
    }

    private CacheEntryOptions dependingOn(Path... files) {
        return CacheEntryOptions.builder().fileDependencies(files).onRemoved(removals).build();
    }

    @Test
    void changingTheFileRemovesTheEntryWithoutARead() throws Exception {
        Path file = Files.writeString(dir.resolve("prices.xml"), "<prices/>");
        cache.insert("prices", "parsed", dependingOn(file));
        cache.insert("unrelated", "x", dependingOn(Files.writeString(dir.resolve("other.xml"), "o")));
        Files.writeString(file, "<prices><p/></prices>");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(removals.await(1)).extracting(Removals.Removal::key, Removals.Removal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prices", DEPENDENCY_CHANGED));
        assertThat(removals.all().getFirst().thread()).startsWith("lido-cache-files");
        assertThat(cache.keys()).containsExactly("unrelated");
    }

    @Test
    void deletingTheFileRemovesTheEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        cache.insert("a", 1, dependingOn(file));
        Files.delete(file);
        assertThat(removals.await(1)).extracting(Removals.Removal::reason).containsExactly(DEPENDENCY_CHANGED);
        assertThat(cache.get("a")).isNull();
    }

    @Test
    void creatingAFileThatWasMissingRemovesTheEntry() throws Exception {
        Path file = dir.resolve("later.txt");
        cache.insert("a", 1, dependingOn(file));
        Thread.sleep(50);
        assertThat(cache.get("a")).isEqualTo(1);
        Files.writeString(file, "now");
        assertThat(removals.await(1)).extracting(Removals.Removal::reason).containsExactly(DEPENDENCY_CHANGED);
    }

    @Test
    void aChangeInsideADirectoryDependencyRemovesTheEntry() throws Exception {
        Path content = Files.createDirectory(dir.resolve("content"));
        cache.insert("index", 1, dependingOn(content));
        Files.writeString(content.resolve("new-page.html"), "hi");
        assertThat(removals.await(1)).extracting(Removals.Removal::reason).containsExactly(DEPENDENCY_CHANGED);
    }

    @Test
    void deletingADirectoryDependencyRemovesTheEntryAndReleasesItsWatches() throws Exception {
        Path content = Files.createDirectory(dir.resolve("content"));
        cache.insert("index", 1, dependingOn(content));
        assertThat(cache.watchedDirectories()).isEqualTo(2);
        Files.delete(content);
        assertThat(removals.await(1)).extracting(Removals.Removal::reason).containsExactly(DEPENDENCY_CHANGED);
        assertThat(cache.watchedDirectories()).isZero();
    }

    @Test
    void aFailedInsertLeavesNoWatchBehind() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        Path missing = dir.resolve("no-such-dir").resolve("b.txt");
        assertThatThrownBy(() -> cache.insert("a", 1, dependingOn(file, missing)))
                .hasMessageContaining("no-such-dir");
        assertThat(cache.watchedDirectories()).isZero();
    }

    @Test
    void aRemovedEntryStopsWatchingItsDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        cache.insert("a", 1, dependingOn(file));
        cache.insert("b", 2, dependingOn(file));
        assertThat(cache.watchedDirectories()).isEqualTo(1);
        cache.remove("a");
        assertThat(cache.watchedDirectories()).isEqualTo(1);
        cache.insert("b", 3);
        assertThat(cache.watchedDirectories()).isZero();
        Files.writeString(file, "changed");
        Thread.sleep(100);
        assertThat(removals.all()).extracting(Removals.Removal::reason).containsExactly(REMOVED, REMOVED);
        assertThat(cache.get("b")).isEqualTo(3);
    }

    @Test
    void aDependencyInAMissingDirectoryIsAClearError() {
        Path file = dir.resolve("no-such-dir").resolve("a.txt");
        assertThatThrownBy(() -> cache.insert("a", 1, dependingOn(file)))
                .hasMessageContaining("cannot watch the cache dependency directory")
                .hasMessageContaining("no-such-dir");
        assertThat(cache.count()).isZero();
    }
}
