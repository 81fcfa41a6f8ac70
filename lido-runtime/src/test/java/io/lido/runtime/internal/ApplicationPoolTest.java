package io.lido.runtime.internal;

import io.lido.api.HttpApplication;
import io.lido.api.HttpModule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationPoolTest {
    private final AtomicInteger disposed = new AtomicInteger();
    private final ApplicationStateStore state = new ApplicationStateStore();

    private ApplicationInstance newInstance() {
        HttpModule module = new HttpModule() {
            @Override
            public void init(HttpApplication application) {
            }

            @Override
            public void dispose() {
                disposed.incrementAndGet();
            }
        };
        return ApplicationInstance.create(new HttpApplication(), List.of(new ModuleSpec("M", () -> module, false)),
                state, "/", null);
    }

    @Test
    void reusesTheMostRecentlyReturnedInstance() {
        ApplicationPool pool = new ApplicationPool(this::newInstance, 4);
        ApplicationInstance a = pool.take();
        ApplicationInstance b = pool.take();
        pool.release(a);
        pool.release(b);
        assertThat(pool.take()).isSameAs(b);
        assertThat(pool.take()).isSameAs(a);
        assertThat(pool.size()).isEqualTo(2);
    }

    @Test
    void keepsAtMostMaxFreeAndDisposesTheRest() {
        ApplicationPool pool = new ApplicationPool(this::newInstance, 2);
        List<ApplicationInstance> burst = List.of(pool.take(), pool.take(), pool.take(), pool.take());
        burst.forEach(pool::release);

        assertThat(pool.freeCount()).isEqualTo(2);
        assertThat(pool.size()).isEqualTo(2);
        assertThat(disposed).hasValue(2);
        pool.disposeAll();
        assertThat(disposed).hasValue(4);
        assertThat(pool.size()).isZero();
    }
}
