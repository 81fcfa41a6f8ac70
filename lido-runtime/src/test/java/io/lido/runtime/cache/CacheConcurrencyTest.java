package io.lido.runtime.cache;

import io.lido.api.CacheEntryOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CacheConcurrencyTest {

    @Test
    void everyInsertedEntryLeavesExactlyOnceOrStays() throws Exception {
        CacheSettings settings = new CacheSettings(50, false, false, 0, 0, Duration.ofMinutes(2));
        ApplicationCache cache = new ApplicationCache("/app", settings, Clock.systemUTC(), getClass().getClassLoader(),
                MemoryPressure.of(settings), null);
        AtomicInteger inserted = new AtomicInteger();
        ConcurrentHashMap<Object, Integer> removedTimes = new ConcurrentHashMap<>();
        CacheEntryOptions.Builder sliding = CacheEntryOptions.builder()
                .slidingExpiration(Duration.ofMillis(3))
                .onRemoved((k, v, r) -> removedTimes.merge(v, 1, Integer::sum));
        CacheEntryOptions plain = CacheEntryOptions.builder()
                .onRemoved((k, v, r) -> removedTimes.merge(v, 1, Integer::sum)).build();
        CacheEntryOptions expiring = sliding.build();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 20_000; i++) {
                    String key = "k" + random.nextInt(200);
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            cache.insert(key, new Object(), random.nextBoolean() ? plain : expiring);
                            inserted.incrementAndGet();
                        }
                        case 1 -> {
                            if (cache.add(key, new Object(), plain) == null) {
                                inserted.incrementAndGet();
                            }
                        }
                        case 2 -> cache.remove(key);
                        default -> cache.get(key);
                    }
                    if (i % 500 == 0) {
                        cache.sweep();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Each value object was inserted once: none may be reported removed twice.
        assertThat(removedTimes.values()).allMatch(n -> n == 1);
        assertThat(inserted.get()).isEqualTo(removedTimes.size() + cache.count());
        assertThat(cache.count()).isLessThanOrEqualTo(50 + 8);
        cache.close();
    }
}
