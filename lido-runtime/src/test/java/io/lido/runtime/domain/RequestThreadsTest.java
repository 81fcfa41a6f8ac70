package io.lido.runtime.domain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests run with --add-opens java.base/java.lang (the parent pom's argLine), as bin/lido does. */
class RequestThreadsTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-event-loop"));

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void aRequestThreadRunsAndResumesOnTheSchedulerItsConnectionOffers() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread request = RequestThreads.newThread(task -> {
            runs.incrementAndGet();
            loop.execute(task);
        }, () -> {
            parked.countDown();
            LockSupport.park();
            done.countDown();
        });

        assertThat(RequestThreads.schedulerChoiceAvailable()).isTrue();
        assertThat(request.isVirtual()).isTrue();
        request.start();
        assertThat(parked.await(5, TimeUnit.SECONDS)).isTrue();
        // Unparked before it parks, it would not unmount and so not come back through the scheduler.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (request.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(request.getState()).isEqualTo(Thread.State.WAITING);
        LockSupport.unpark(request);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).as("started, then resumed after park, both on the offered scheduler")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void withoutASchedulerTheJdkDefaultOneRunsIt() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Thread request = RequestThreads.newThread(null, done::countDown);

        request.start();

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(request.isVirtual()).isTrue();
        assertThat(runs.get()).isZero();
    }
}
