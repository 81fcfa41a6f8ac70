package io.lido.runtime.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightRequestsTest {
    private final InFlightRequests inFlight = new InFlightRequests();

    @Test
    void aClosedGateRefusesNewRequestsAndDrainsTheOnesInside() throws Exception {
        assertThat(inFlight.tryEnter()).isTrue();
        inFlight.close();

        assertThat(inFlight.tryEnter()).isFalse();
        assertThat(inFlight.count()).isEqualTo(1);
        assertThat(inFlight.awaitIdle(Duration.ofMillis(50))).isFalse();

        CountDownLatch drained = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                if (inFlight.awaitIdle(Duration.ofSeconds(5))) {
                    drained.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        inFlight.exit();
        assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(inFlight.count()).isZero();
    }

    @Test
    void racingEntersAndACloseNeverLeaveARequestInsideAfterTheDrain() throws Exception {
        for (int round = 0; round < 200; round++) {
            InFlightRequests gate = new InFlightRequests();
            AtomicInteger insideAfterDrain = new AtomicInteger();
            AtomicBoolean drainedFlag = new AtomicBoolean();
            Thread enterer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100; i++) {
                    if (gate.tryEnter()) {
                        if (drainedFlag.get()) {
                            insideAfterDrain.incrementAndGet();
                        }
                        gate.exit();
                    }
                }
            });
            gate.close();
            assertThat(gate.awaitIdle(Duration.ofSeconds(5))).isTrue();
            drainedFlag.set(true);
            enterer.join();
            assertThat(insideAfterDrain.get()).isZero();
        }
    }
}
