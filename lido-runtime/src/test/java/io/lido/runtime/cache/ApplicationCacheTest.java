package io.lido.runtime.cache;

import io.lido.api.CacheEntryOptions;
import io.lido.api.CacheItemPriority;
import io.lido.runtime.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static io.lido.api.CacheItemRemovedReason.EXPIRED;
import static io.lido.api.CacheItemRemovedReason.REMOVED;
import static io.lido.api.CacheItemRemovedReason.UNDERUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationCacheTest {
    private final TestClock clock = new TestClock();
    private final Removals removals = new Removals();
    private ApplicationCache cache = cache(CacheSettings.DEFAULT);

    @AfterEach
    void close() {
        cache.close();
    }

    private ApplicationCache cache(CacheSettings settings) {
        return new ApplicationCache("/app", settings, clock, getClass().getClassLoader(), MemoryPressure.of(settings),
                null);
    }

    private CacheEntryOptions.Builder tracked() {
        return CacheEntryOptions.builder().onRemoved(removals);
    }

    @Test
    void insertGetRemoveAndReplaceTellTheCallbackRemoved() {
        cache.insert("a", "one", tracked().build());
        cache.insert("a", "two", tracked().build());
        assertThat(cache.get("a")).isEqualTo("two");
        assertThat(cache.remove("a")).isEqualTo("two");
        assertThat(cache.remove("a")).isNull();
        assertThat(cache.get("a")).isNull();
        assertThat(removals.all()).extracting(Removals.Removal::value, Removals.Removal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("one", REMOVED),
                        org.assertj.core.groups.Tuple.tuple("two", REMOVED));
        assertThat(cache.count()).isZero();
    }

    @Test
    void absoluteExpirationEndsTheEntryAtThatInstant() {
        cache.insert("a", 1, tracked().absoluteExpiration(clock.instant().plusSeconds(60)).build());
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("a")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a")).isNull();
        assertThat(removals.all()).extracting(Removals.Removal::reason).containsExactly(EXPIRED);
    }

    @Test
    void slidingExpirationIsRenewedByEachReadAndEndsAfterIdleTime() {
        cache.insert("a", 1, tracked().slidingExpiration(Duration.ofSeconds(10)).build());
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(9));
            assertThat(cache.get("a")).isEqualTo(1);
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.get("a")).isNull();
        assertThat(removals.all()).extracting(Removals.Removal::reason).containsExactly(EXPIRED);
    }

    @Test
    void theSweepRemovesExpiredEntriesWithoutARead() {
        cache.insert("short", 1, tracked().slidingExpiration(Duration.ofSeconds(5)).build());
        cache.insert("long", 2, tracked().absoluteExpiration(clock.instant().plusSeconds(60)).build());
        cache.insert("forever", 3, tracked().build());
        clock.advance(Duration.ofSeconds(5));
        cache.sweep();
        assertThat(removals.all()).extracting(Removals.Removal::key, Removals.Removal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("short", EXPIRED));
        assertThat(cache.keys()).containsExactlyInAnyOrder("long", "forever");
    }

    @Test
    void disableExpirationKeepsExpiredEntries() {
        cache = cache(new CacheSettings(10, true, false, 0, 0, Duration.ofMinutes(2)));
        cache.insert("a", 1, tracked().slidingExpiration(Duration.ofSeconds(1)).build());
        clock.advance(Duration.ofHours(1));
        cache.sweep();
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(removals.all()).isEmpty();
    }

    @Test
    void addKeepsALiveValueAndReplacesAnExpiredOne() {
        assertThat(cache.add("a", 1, tracked().slidingExpiration(Duration.ofSeconds(5)).build())).isNull();
        assertThat(cache.add("a", 2, tracked().build())).isEqualTo(1);
        assertThat(cache.get("a")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.add("a", 3, tracked().build())).isNull();
        assertThat(cache.get("a")).isEqualTo(3);
        assertThat(removals.all()).extracting(Removals.Removal::value, Removals.Removal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, EXPIRED));
    }

    @Test
    void overTheBoundTheLeastRecentlyUsedIsEvictedAsUnderused() {
        cache = cache(new CacheSettings(3, false, false, 0, 0, Duration.ofMinutes(2)));
        for (String key : new String[] {"a", "b", "c"}) {
            cache.insert(key, key, tracked().build());
            clock.advance(Duration.ofMillis(10));
        }
        cache.get("a");
        clock.advance(Duration.ofMillis(10));
        cache.insert("d", "d", tracked().build());
        assertThat(cache.keys()).containsExactlyInAnyOrder("a", "c", "d");
        assertThat(removals.all()).extracting(Removals.Removal::key, Removals.Removal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", UNDERUSED));
        assertThat(cache.maxEntries()).isEqualTo(3);
    }

    @Test
    void lowerPriorityGoesFirstAndNotRemovableNeverGoes() {
        cache = cache(new CacheSettings(2, false, false, 0, 0, Duration.ofMinutes(2)));
        cache.insert("pinned", 1, tracked().priority(CacheItemPriority.NOT_REMOVABLE).build());
        clock.advance(Duration.ofMillis(10));
        cache.insert("high", 2, tracked().priority(CacheItemPriority.HIGH).build());
        clock.advance(Duration.ofMillis(10));
        cache.insert("low", 3, tracked().priority(CacheItemPriority.LOW).build());
        assertThat(cache.keys()).containsExactlyInAnyOrder("pinned", "high");
        clock.advance(Duration.ofMillis(10));
        // Priority before recency: the newest entry goes when everything else ranks higher.
        cache.insert("normal", 4, tracked().build());
        assertThat(cache.keys()).containsExactlyInAnyOrder("pinned", "high");
        assertThat(removals.all()).extracting(Removals.Removal::key).containsExactly("low", "normal");
    }

    @Test
    void disableMemoryCollectionNeverEvicts() {
        cache = cache(new CacheSettings(2, false, true, 0, 0, Duration.ofMinutes(2)));
        for (int i = 0; i < 10; i++) {
            cache.insert("k" + i, i);
        }
        assertThat(cache.count()).isEqualTo(10);
        assertThat(cache.maxEntries()).isZero();
    }

    @Test
    void memoryOverItsLimitEvictsATenthAtThePollTime() {
        CacheSettings settings = new CacheSettings(1000, false, false, 1024, 0, Duration.ofSeconds(30));
        cache = new ApplicationCache("/app", settings, clock, getClass().getClassLoader(),
                new MemoryPressure(settings, () -> 4096, () -> 0), null);
        for (int i = 0; i < 100; i++) {
            cache.insert("k" + i, i, tracked().build());
            clock.advance(Duration.ofMillis(1));
        }
        cache.sweep();
        assertThat(cache.count()).as("not polled yet").isEqualTo(100);
        clock.advance(Duration.ofSeconds(30));
        cache.sweep();
        assertThat(cache.count()).isEqualTo(90);
        assertThat(removals.all()).extracting(Removals.Removal::key)
                .containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
    }

    @Test
    void aFailingCallbackDoesNotStopTheRemoval() {
        cache.insert("a", 1, CacheEntryOptions.builder().onRemoved((k, v, r) -> {
            throw new IllegalStateException("boom");
        }).build());
        assertThat(cache.remove("a")).isEqualTo(1);
        assertThat(cache.count()).isZero();
    }

    @Test
    void aClosedCacheIsEmptyRefusesInsertsAndRunsNoCallback() {
        cache.insert("a", 1, tracked().build());
        cache.close();
        assertThat(cache.count()).isZero();
        assertThat(cache.get("a")).isNull();
        assertThatThrownBy(() -> cache.insert("b", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("application domain has unloaded");
        assertThat(removals.all()).isEmpty();
    }

    @Test
    void nullsAndContradictoryOptionsAreRefused() {
        assertThatThrownBy(() -> cache.insert("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheEntryOptions.builder().absoluteExpiration(clock.instant())
                .slidingExpiration(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> CacheEntryOptions.sliding(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }

    @Test
    void theBackgroundSweepExpiresEntriesOnItsOwnThreadWithTheApplicationLoader() throws Exception {
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
        };
        cache.close();
        cache = new ApplicationCache("/app", CacheSettings.DEFAULT, Clock.systemUTC(), loader,
                MemoryPressure.of(CacheSettings.DEFAULT), Duration.ofMillis(20));
        ClassLoader[] seen = new ClassLoader[1];
        cache.insert("a", 1, CacheEntryOptions.builder().slidingExpiration(Duration.ofMillis(50)).onRemoved((k, v, r) -> {
            seen[0] = Thread.currentThread().getContextClassLoader();
            removals.removed(k, v, r);
        }).build());
        assertThat(removals.await(1)).extracting(Removals.Removal::reason).containsExactly(EXPIRED);
        assertThat(removals.all().getFirst().thread()).startsWith("lido-cache-sweep");
        assertThat(seen[0]).isSameAs(loader);
    }
}
