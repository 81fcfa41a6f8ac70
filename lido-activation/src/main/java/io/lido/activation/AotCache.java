package io.lido.activation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The folder of the workers' JDK AOT caches ({@code <lido home>/work/aot}): one {@code <key>.aot} per
 * distinct worker JVM (see {@link AotCacheKey}), shared by the pools that start the same JVM.
 *
 * <p>A cache is trained by the first worker launched without one, in {@code <key>.training/}: the JVM
 * writes it when that worker exits normally. Lido then checks that a JVM with the same options maps it and
 * only then moves it to {@code <key>.aot} (readable by everyone, as pools may run as other users). While one
 * worker trains, the others of that key start without a cache; a training worker that is killed leaves no
 * cache, and the next launch trains again. Only one host should use a Lido home at a time.
 */
final class AotCache {
    private static final Logger LOG = LoggerFactory.getLogger(AotCache.class);
    static final String CACHE_SUFFIX = ".aot";
    static final String TRAINING_SUFFIX = ".training";
    /** Beside a cache: a JVM mapped it (see {@link #checkOnce}). */
    static final String PROOF_SUFFIX = ".ok";
    /** The file the training JVM writes in its training folder. */
    static final String TRAINING_OUTPUT = "cache.aot";
    /** The AOT cache's own log in the folder: the JVMs' AOT chatter and the output of cache checks. */
    static final String LOG_FILE = "aot.log";
    /** How long a cache no worker starts from is kept. */
    static final Duration UNUSED_FOR = Duration.ofDays(30);

    private final Path folder;
    private final Clock clock;
    private final Duration checkDelay;
    private final Set<Path> checked = ConcurrentHashMap.newKeySet();
    private final Set<String> training = ConcurrentHashMap.newKeySet();
    private volatile boolean folderFailed;

    /**
     * @param folder     where the caches live (created when first needed)
     * @param clock      for the clean-up of unused caches
     * @param checkDelay how long after its first use in this process a cache is checked (the check starts a
     *                   JVM: not while the worker that uses it starts)
     */
    AotCache(Path folder, Clock clock, Duration checkDelay) {
        this.folder = folder;
        this.clock = clock;
        this.checkDelay = checkDelay;
    }

    Path folder() {
        return folder;
    }

    /**
     * What the next worker of {@code key} does: start from the cache when there is one, else train it
     * unless another worker already does. Never throws for a file problem: the worker then starts
     * without a cache and the reason is logged.
     *
     * @param owner       hands the training folder to the worker's user (pools with {@code userName})
     * @param mapsCleanly whether a freshly trained cache is usable by this worker's JVM (a JVM with the same
     *                    options and {@code -XX:AOTMode=on} maps it): checked before a cache is kept
     */
    AotLaunch prepare(String pool, String key, Optional<WorkerIdentity> owner, Predicate<Path> mapsCleanly) {
        Path cache = folder.resolve(key + CACHE_SUFFIX);
        if (Files.isRegularFile(cache)) {
            markUsed(cache);
            checkOnce(pool, key, cache, mapsCleanly);
            return new AotLaunch.Use(cache);
        }
        if (!training.add(key)) {
            return new AotLaunch.None();
        }
        try {
            Path trainingFolder = folder.resolve(key + TRAINING_SUFFIX);
            Path output = trainingFolder.resolve(TRAINING_OUTPUT);
            // A training that ended while no host was there to finish it (Lido stopped first): kept unchecked,
            // to keep the check off this worker's start; it is checked after this first use.
            if (Files.isDirectory(trainingFolder) && promote(pool, output, cache, mapsCleanly, false)) {
                deleteTree(trainingFolder);
                training.remove(key);
                checkOnce(pool, key, cache, mapsCleanly);
                return new AotLaunch.Use(cache);
            }
            deleteTree(trainingFolder);
            TrustedFolder.ensure(folder, TrustedFolder.TRAVERSE);
            Files.createDirectory(trainingFolder);
            // The training JVM runs as the pool's user and writes the cache itself: its folder is that user's.
            Files.setAttribute(trainingFolder, "unix:mode", TrustedFolder.OWNER_ONLY, LinkOption.NOFOLLOW_LINKS);
            owner.ifPresent(user -> user.own(trainingFolder));
            LOG.info("Application pool '{}': this worker trains the JDK AOT cache {} (written when it exits)",
                    pool, cache.getFileName());
            AtomicBoolean finished = new AtomicBoolean();
            return new AotLaunch.Train(output, () -> {
                if (finished.compareAndSet(false, true)) {
                    finishTraining(pool, key, trainingFolder, cache, mapsCleanly);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            training.remove(key);
            if (!folderFailed) {
                folderFailed = true;
                LOG.warn("Application pool '{}': workers start without a JDK AOT cache: cannot prepare {}: {}", pool,
                        folder, e.getMessage());
            }
            return new AotLaunch.None();
        }
    }

    /**
     * Whether the next worker of {@code key} would train: there is no cache, no worker trains one now, and no
     * finished training waits in its folder to be kept.
     */
    boolean needsTraining(String key) {
        return !Files.isRegularFile(folder.resolve(key + CACHE_SUFFIX)) && !training.contains(key)
                && !complete(folder.resolve(key + TRAINING_SUFFIX).resolve(TRAINING_OUTPUT));
    }

    /**
     * Checks a cache that no JVM was seen to map yet (no {@code <key>.aot.ok} with its size), once per host
     * process, {@link #checkDelay} after its first use, and deletes it if no JVM can map it (a cut copy, a
     * disk error, a file put there by hand): the worker that used it started without it, and the next launch
     * trains a good one. Caches kept by {@link #promote} were checked already and are not checked again.
     */
    private void checkOnce(String pool, String key, Path cache, Predicate<Path> mapsCleanly) {
        if (provenGood(cache) || !checked.add(cache)) {
            return;
        }
        Thread.ofVirtual().name("lido-aot-check").start(() -> {
            try {
                Thread.sleep(checkDelay);
                if (training.contains(key) || !Files.isRegularFile(cache)) {
                    return;
                }
                if (mapsCleanly.test(cache)) {
                    markProvenGood(cache);
                } else {
                    delete(cache);
                    checked.remove(cache);
                    LOG.warn("Application pool '{}': deleted JDK AOT cache {}: no JVM can start from it; the next"
                            + " worker trains it again", pool, cache);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                LOG.warn("Application pool '{}': cannot delete JDK AOT cache {}: {}", pool, cache, e.getMessage());
            }
        });
    }

    /** {@code <key>.aot.ok}: written once a JVM mapped the cache, holding the cache's size then. */
    private static Path proofOf(Path cache) {
        return cache.resolveSibling(cache.getFileName() + PROOF_SUFFIX);
    }

    private static boolean provenGood(Path cache) {
        try {
            Path proof = proofOf(cache);
            return Files.isRegularFile(proof) && Files.readString(proof).strip().equals(Long.toString(Files.size(cache)));
        } catch (IOException e) {
            return false; // checked again: the cost of a missing proof is one short JVM run
        }
    }

    private static void markProvenGood(Path cache) throws IOException {
        Files.writeString(proofOf(cache), Long.toString(Files.size(cache)));
    }

    private static void delete(Path cache) throws IOException {
        Files.deleteIfExists(cache);
        Files.deleteIfExists(proofOf(cache));
    }

    /** After the training worker has exited: keep its cache if it wrote a good one, clear the folder. */
    private void finishTraining(String pool, String key, Path trainingFolder, Path cache,
                                Predicate<Path> mapsCleanly) {
        try {
            Path output = trainingFolder.resolve(TRAINING_OUTPUT);
            boolean written = complete(output);
            if (!promote(pool, output, cache, mapsCleanly, true) && !written) {
                LOG.warn("Application pool '{}': the worker that trained the JDK AOT cache exited without writing it"
                        + " (it was killed or crashed, or see the [aot] lines of its log); the next worker trains it"
                        + " again", pool);
            }
            deleteTree(trainingFolder);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Application pool '{}': cannot keep the JDK AOT cache trained in {}: {}", pool, trainingFolder,
                    e.getMessage());
        } finally {
            training.remove(key);
        }
    }

    /** Whether the JVM has finished writing a cache: its temporary configuration file is gone. */
    private static boolean complete(Path output) {
        return Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(output.resolveSibling(output.getFileName() + ".config"), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Moves a complete training output to the cache's name, once a JVM has shown that it loads it when
     * {@code checkedNow}.
     *
     * @return whether the cache is now in place
     */
    private boolean promote(String pool, Path output, Path cache, Predicate<Path> mapsCleanly, boolean checkedNow)
            throws IOException {
        if (!complete(output)) {
            return false;
        }
        // The training folder belongs to the worker's user, who may have put a link or someone else's file there:
        // the host copies the output out without following links and checks and keeps only its own copy.
        Path staged = cache.resolveSibling(cache.getFileName() + ".new");
        LinkSafeFiles.copyOwnedFile(output, (Integer) Files.getAttribute(output.getParent(), "unix:uid",
                LinkOption.NOFOLLOW_LINKS), staged);
        if (checkedNow && !mapsCleanly.test(staged)) {
            LOG.warn("Application pool '{}': the JDK AOT cache trained in {} does not load in a JVM with the pool's"
                    + " options; it is dropped and trained again (see {})", pool, output.getParent(),
                    folder.resolve(LOG_FILE));
            Files.delete(staged);
            return false;
        }
        // Readable by every pool's user: it holds what lib/ and the JDK hold (public code), nothing of a request.
        Files.setAttribute(staged, "unix:mode", 0644, LinkOption.NOFOLLOW_LINKS);
        Files.move(staged, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (checkedNow) {
            markProvenGood(cache);
        } else {
            Files.deleteIfExists(proofOf(cache));
        }
        LOG.info("Application pool '{}': JDK AOT cache {} is ready ({} KB); the next workers start from it", pool,
                cache, Files.size(cache) / 1024);
        deleteUnused();
        return true;
    }

    /** A cache's modification time is when a worker last started from it: {@link #deleteUnused()} goes by it. */
    private void markUsed(Path cache) {
        try {
            Files.setLastModifiedTime(cache, FileTime.from(clock.instant()));
        } catch (IOException e) {
            // Only the clean-up of unused caches depends on it; the launch does not.
            LOG.debug("cannot mark JDK AOT cache {} as used: {}", cache, e.toString());
        }
    }

    /**
     * Deletes caches no worker started from for {@link #UNUSED_FOR}: those of an older JDK, older jars or
     * old options, whose keys nothing asks for any more (each is tens of MB).
     */
    private void deleteUnused() throws IOException {
        Instant before = clock.instant().minus(UNUSED_FOR);
        try (DirectoryStream<Path> caches = Files.newDirectoryStream(folder, "*" + CACHE_SUFFIX)) {
            for (Path cache : caches) {
                if (Files.getLastModifiedTime(cache).toInstant().isBefore(before)) {
                    delete(cache);
                    LOG.info("Deleted JDK AOT cache {}: unused for {} days", cache, UNUSED_FOR.toDays());
                }
            }
        }
    }

    /** Deletes a training folder (the worker's user's) and everything in it without following a link. */
    private static void deleteTree(Path path) throws IOException {
        LinkSafeFiles.deleteTree(path);
    }
}
