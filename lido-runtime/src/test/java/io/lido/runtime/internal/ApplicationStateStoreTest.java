package io.lido.runtime.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationStateStoreTest {
    private final ApplicationStateStore state = new ApplicationStateStore();

    @Test
    void setGetRemoveAndNullRemoves() {
        state.set("a", 1);
        state.set("b", 2);
        state.set("b", null);
        state.remove("missing");
        assertThat(state.get("a")).isEqualTo(1);
        assertThat(state.keys()).containsExactly("a");
    }

    @Test
    void addKeepsAnExistingValueAsApplicationAddDoes() {
        assertThat(state.add("a", 1)).isTrue();
        assertThat(state.add("a", 2)).isFalse();
        assertThat(state.get("a")).isEqualTo(1);
    }

    @Test
    void clearRemovesEverythingAndCountFollows() {
        state.set("a", 1);
        state.set("b", 2);
        assertThat(state.count()).isEqualTo(2);
        state.clear();
        assertThat(state.count()).isZero();
        assertThat(state.keys()).isEmpty();
    }

    @Test
    void countAndClearWaitForTheLockHolder() throws Exception {
        state.lock();
        state.set("a", 1);
        AtomicBoolean cleared = new AtomicBoolean();
        Thread other = Thread.ofVirtual().start(() -> {
            state.clear();
            cleared.set(true);
        });
        Thread.sleep(50);
        assertThat(cleared).isFalse();
        assertThat(state.count()).isEqualTo(1);
        state.unlock();
        other.join(5000);
        assertThat(cleared).isTrue();
        assertThat(state.count()).isZero();
    }

    @Test
    void computeIsAtomicUnderContention() {
        IntStream.range(0, 2000).parallel().forEach(i -> state.compute("n", v -> v == null ? 1 : (Integer) v + 1));
        assertThat(state.get("n")).isEqualTo(2000);
    }

    @Test
    void lockKeepsOtherWritersOutUntilUnlockAndIsReentrant() throws Exception {
        state.lock();
        state.lock();
        state.set("x", "mine");
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean written = new AtomicBoolean();
        Thread other = Thread.ofVirtual().start(() -> {
            started.countDown();
            state.set("x", "theirs");
            written.set(true);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50);
        assertThat(written).isFalse();
        state.unlock();
        Thread.sleep(20);
        assertThat(written).isFalse();
        state.unlock();
        other.join(5000);
        assertThat(written).isTrue();
        assertThat(state.get("x")).isEqualTo("theirs");
    }

    @Test
    void unlockWithoutLockIsAnError() {
        assertThatThrownBy(state::unlock).isInstanceOf(IllegalStateException.class).hasMessageContaining("without a matching lock()");
    }
}
