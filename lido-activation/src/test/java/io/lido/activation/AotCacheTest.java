package io.lido.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache folder's rules. The training JVM's files are written here the way JDK 25 writes them with
 * {@code -XX:AOTCacheOutput}: {@code cache.aot.config} while it runs, then {@code cache.aot} once the child JVM
 * has assembled it (and the configuration removed). The real JVM does this in AotCacheIT.
 */
class AotCacheTest {
    private static final String KEY = "0123456789abcdef01234567";
    private static final Predicate<Path> LOADS = file -> true;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));

    private AotCache cache() {
        return new AotCache(dir.resolve("work/aot"), clock, Duration.ZERO);
    }

    private static void trainingWrote(AotLaunch.Train train) throws Exception {
        Files.writeString(train.output(), "an AOT cache");
    }

    @Test
    void aKeyNeedsTrainingOnlyWithoutCacheTrainingOrFinishedTrainingOutput() throws Exception {
        AotCache cache = cache();
        assertThat(cache.needsTraining(KEY)).as("nothing yet").isTrue();

        AotLaunch.Train train = (AotLaunch.Train) cache.prepare("Pool", KEY, Optional.empty(), LOADS);
        assertThat(cache.needsTraining(KEY)).as("a worker trains it").isFalse();
        trainingWrote(train);
        train.exited();
        assertThat(cache.needsTraining(KEY)).as("the cache is kept").isFalse();

        String other = "ffffffffffffffffffffffff";
        Path leftOver = dir.resolve("work/aot/" + other + ".training/cache.aot");
        Files.createDirectories(leftOver.getParent());
        Files.writeString(leftOver, "written while no host ran");
        assertThat(cache.needsTraining(other)).as("the next launch keeps the left-over output").isFalse();
        Files.writeString(leftOver.resolveSibling("cache.aot.config"), "still being written");
        assertThat(cache.needsTraining(other)).as("an unfinished output is trained again").isTrue();
    }

    @Test
    void theFirstWorkerTrainsOthersMeanwhileStartWithoutAndThenEveryWorkerStartsFromTheCache() throws Exception {
        AotCache cache = cache();

        AotLaunch first = cache.prepare("Pool", KEY, Optional.empty(), LOADS);
        assertThat(first).isInstanceOf(AotLaunch.Train.class);
        assertThat(first.flags()).containsExactly("-XX:AOTCacheOutput="
                + dir.resolve("work/aot/" + KEY + ".training/cache.aot"));
        assertThat(first.environment()).startsWith("train ");
        assertThat(cache.prepare("Pool", KEY, Optional.empty(), LOADS))
                .as("one training per key at a time").isInstanceOf(AotLaunch.None.class);
        assertThat(cache.prepare("Other", "ffffffffffffffffffffffff", Optional.empty(), LOADS))
                .as("another JVM trains its own").isInstanceOf(AotLaunch.Train.class);

        trainingWrote((AotLaunch.Train) first);
        first.exited();

        Path file = dir.resolve("work/aot/" + KEY + ".aot");
        assertThat(file).hasContent("an AOT cache");
        assertThat(Files.getPosixFilePermissions(file)).as("workers of other users read it")
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(dir.resolve("work/aot/" + KEY + ".training")).doesNotExist();
        assertThat(dir.resolve("work/aot/" + KEY + ".aot.ok")).as("checked before it was kept")
                .hasContent(Long.toString(Files.size(file)));
        AotLaunch next = cache.prepare("Pool", KEY, Optional.empty(), file2 -> {
            throw new AssertionError("a cache a JVM mapped is not checked again");
        });
        assertThat(next).isEqualTo(new AotLaunch.Use(file));
        assertThat(next.flags()).containsExactly("-XX:AOTCache=" + file);
        assertThat(next.environment()).isEqualTo("use " + file);
    }

    @Test
    void aTrainingWorkerThatDiesWithoutTheCacheIsFollowedByAnotherTraining() throws Exception {
        AotCache cache = cache();
        AotLaunch.Train first = (AotLaunch.Train) cache.prepare("Pool", KEY, Optional.empty(), LOADS);
        // killed while running: the JVM's temporary configuration is all there is
        Files.writeString(first.output().resolveSibling("cache.aot.config"), "partial");
        first.exited();
        first.exited();

        assertThat(dir.resolve("work/aot/" + KEY + ".aot")).doesNotExist();
        assertThat(cache.prepare("Pool", KEY, Optional.empty(), LOADS)).isInstanceOf(AotLaunch.Train.class);
    }

    @Test
    void aCacheThatNoJvmCanLoadIsDroppedAndTrainedAgain() throws Exception {
        AotCache cache = cache();
        AtomicInteger checks = new AtomicInteger();
        Predicate<Path> refuses = file -> {
            checks.incrementAndGet();
            assertThat(file).as("the host checks its own copy, not the worker user's file")
                    .hasParent(dir.resolve("work/aot")).hasFileName(KEY + ".aot.new");
            return false;
        };
        AotLaunch.Train first = (AotLaunch.Train) cache.prepare("Pool", KEY, Optional.empty(), refuses);
        trainingWrote(first);
        first.exited();

        assertThat(checks).hasValue(1);
        assertThat(dir.resolve("work/aot/" + KEY + ".aot")).doesNotExist();
        assertThat(cache.prepare("Pool", KEY, Optional.empty(), LOADS)).isInstanceOf(AotLaunch.Train.class);
    }

    @Test
    void aLinkPlantedAsTheTrainingOutputIsNeitherFollowedNorKept() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "root's only");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        AotCache cache = cache();
        AtomicInteger checks = new AtomicInteger();
        AotLaunch.Train first = (AotLaunch.Train) cache.prepare("Pool", KEY, Optional.empty(), file -> {
            checks.incrementAndGet();
            return true;
        });
        // What a pool's user can do in its training folder: put a link where the JVM writes the cache.
        Files.createSymbolicLink(first.output(), secret);
        first.exited();

        assertThat(checks).as("nothing to check: the link is refused first").hasValue(0);
        assertThat(dir.resolve("work/aot/" + KEY + ".aot")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(secret).hasContent("root's only");
        assertThat(first.output().getParent()).as("the training folder is deleted, the link with it").doesNotExist();
    }

    @Test
    void aTrainingFolderIsDeletedWithoutFollowingALinkInIt() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path kept = Files.writeString(outside.resolve("kept.txt"), "not the training's");
        AotLaunch.Train first = (AotLaunch.Train) cache().prepare("Pool", KEY, Optional.empty(), LOADS);
        Files.createSymbolicLink(first.output().resolveSibling("sub"), outside);
        first.exited();

        assertThat(first.output().getParent()).doesNotExist();
        assertThat(kept).hasContent("not the training's");
    }

    @Test
    void aTrainingFinishedAfterTheHostStoppedIsKeptByTheNextHost() throws Exception {
        AotLaunch.Train first = (AotLaunch.Train) cache().prepare("Pool", KEY, Optional.empty(), LOADS);
        trainingWrote(first); // the host exited before the worker's cache was written

        AotLaunch next = cache().prepare("Pool", KEY, Optional.empty(), LOADS);

        assertThat(next).isEqualTo(new AotLaunch.Use(dir.resolve("work/aot/" + KEY + ".aot")));
        assertThat(dir.resolve("work/aot/" + KEY + ".training")).doesNotExist();
    }

    @Test
    void aCacheNoJvmCanLoadIsDeletedAfterItsFirstUseAndTrainedAgain() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work/aot"));
        Path broken = Files.writeString(folder.resolve(KEY + ".aot"), "cut short by a full disk");
        AotCache cache = cache();

        assertThat(cache.prepare("Pool", KEY, Optional.empty(), file -> false))
                .as("the worker is not delayed by the check").isEqualTo(new AotLaunch.Use(broken));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Files.exists(broken) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(broken).doesNotExist();
        assertThat(cache.prepare("Pool", KEY, Optional.empty(), LOADS)).isInstanceOf(AotLaunch.Train.class);
    }

    @Test
    void aCacheReplacedByAnotherFileIsCheckedAgain() throws Exception {
        AotCache cache = cache();
        AotLaunch.Train train = (AotLaunch.Train) cache.prepare("Pool", KEY, Optional.empty(), LOADS);
        trainingWrote(train);
        train.exited();
        Path file = dir.resolve("work/aot/" + KEY + ".aot");
        Files.writeString(file, "copied over by hand, another size");
        AtomicInteger checks = new AtomicInteger();

        cache().prepare("Pool", KEY, Optional.empty(), f -> checks.incrementAndGet() > 0);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (checks.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(checks).hasValue(1);
    }

    @Test
    void aFolderThatCannotBeCreatedMeansNoCacheNotAFailedLaunch() throws Exception {
        Files.writeString(dir.resolve("work"), "a file where the folder should be");

        assertThat(cache().prepare("Pool", KEY, Optional.empty(), LOADS)).isInstanceOf(AotLaunch.None.class);
    }

    @Test
    void cachesNoWorkerStartedFromForThirtyDaysAreDeletedWhenAnotherIsTrained() throws Exception {
        AotCache cache = cache();
        Path folder = Files.createDirectories(dir.resolve("work/aot"));
        Path old = Files.writeString(folder.resolve("aaaaaaaaaaaaaaaaaaaaaaaa.aot"), "old JDK");
        Path recent = Files.writeString(folder.resolve("bbbbbbbbbbbbbbbbbbbbbbbb.aot"), "other pool");
        Files.setLastModifiedTime(old, FileTime.from(clock.instant().minus(Duration.ofDays(31))));
        Files.setLastModifiedTime(recent, FileTime.from(clock.instant().minus(Duration.ofDays(40))));
        assertThat(cache.prepare("Other", "bbbbbbbbbbbbbbbbbbbbbbbb", Optional.empty(), LOADS))
                .as("starting from a cache marks it used").isInstanceOf(AotLaunch.Use.class);

        AotLaunch.Train train = (AotLaunch.Train) cache.prepare("Pool", KEY, Optional.empty(), LOADS);
        trainingWrote(train);
        train.exited();

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(folder.resolve(KEY + ".aot")).exists();
    }
}
