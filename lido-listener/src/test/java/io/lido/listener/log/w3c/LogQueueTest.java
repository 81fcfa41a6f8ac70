package io.lido.listener.log.w3c;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogQueueTest {

    /** A writer whose first write blocks until the test releases it: a disk that stalls. */
    private static final class StallingWriter implements LogBatchWriter<Integer> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> written = new CopyOnWriteArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();
        volatile boolean closed;

        @Override
        public void write(List<Integer> batch) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            written.addAll(batch);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void offerNeverBlocksWhileTheWriterIsStalledAndCountsDrops() throws Exception {
        StallingWriter writer = new StallingWriter();
        LogQueue<Integer> queue = new LogQueue<>("test log", 4, Duration.ofSeconds(1), writer);
        queue.offer(0);
        assertThat(writer.entered.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        int accepted = 0;
        for (int i = 1; i <= 1000; i++) {
            if (queue.offer(i)) {
                accepted++;
            }
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs).isLessThan(500);
        assertThat(accepted).isEqualTo(4);
        assertThat(queue.dropped()).isEqualTo(996);
        writer.release.countDown();
        queue.close();
        assertThat(writer.written).containsExactly(0, 1, 2, 3, 4);
        assertThat(writer.closed).isTrue();
    }

    @Test
    void closeWritesEverythingQueuedInOrder() {
        StallingWriter writer = new StallingWriter();
        writer.release.countDown();
        LogQueue<Integer> queue = new LogQueue<>("test log", 100_000, Duration.ofSeconds(1), writer);
        for (int i = 0; i < 50_000; i++) {
            assertThat(queue.offer(i)).isTrue();
        }
        queue.close();
        assertThat(writer.written).hasSize(50_000);
        assertThat(writer.written.get(49_999)).isEqualTo(49_999);
        assertThat(writer.flushes.get()).isPositive();
        assertThat(writer.closed).isTrue();
        assertThat(queue.offer(1)).isFalse();
        assertThat(queue.dropped()).isEqualTo(1);
    }

    @Test
    void flushesWithoutCloseWhenTheQueueRunsEmpty() throws Exception {
        StallingWriter writer = new StallingWriter();
        writer.release.countDown();
        try (LogQueue<Integer> queue = new LogQueue<>("test log", 10, Duration.ofSeconds(1), writer)) {
            queue.offer(7);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (writer.flushes.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(writer.written).containsExactly(7);
            assertThat(writer.flushes.get()).isEqualTo(1);
        }
    }

    @Test
    void aFailingWriteIsCountedAndTheWriterKeepsGoing() {
        List<Integer> written = new CopyOnWriteArrayList<>();
        LogBatchWriter<Integer> flaky = new LogBatchWriter<>() {
            @Override
            public void write(List<Integer> batch) {
                if (batch.contains(13)) {
                    throw new IllegalStateException("disk full");
                }
                written.addAll(batch);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        LogQueue<Integer> queue = new LogQueue<>("test log", 10, Duration.ofSeconds(1), flaky);
        queue.offer(13);
        waitUntilEmpty(written, queue);
        queue.offer(14);
        queue.close();
        assertThat(written).containsExactly(14);
        assertThat(queue.dropped()).isEqualTo(1);
    }

    private static void waitUntilEmpty(List<Integer> written, LogQueue<Integer> queue) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (queue.dropped() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(written).isEmpty();
    }
}
