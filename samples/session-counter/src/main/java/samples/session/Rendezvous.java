package samples.session;

import io.lido.api.HttpContext;

import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where two requests try to meet: the first request for {@code ?key=K} waits up to {@code ?wait=MS}
 * (default 1000) for a second one. Both answer {@code together} when they met, {@code alone} when the
 * partner did not arrive in time, which is what happens when the second request waits for a session the
 * first one holds. This shows session locking by what overlaps, not by timing guesses.
 */
final class Rendezvous {
    private static final Map<String, CyclicBarrier> MEETINGS = new ConcurrentHashMap<>();

    private Rendezvous() {
    }

    /** Waits for the partner and writes {@code together} or {@code alone}. */
    static void meet(HttpContext context) throws InterruptedException {
        String key = context.request().query("key");
        if (key == null || key.isBlank()) {
            context.response().status(400);
            context.response().write("missing query parameter: key");
            return;
        }
        String wait = context.request().query("wait");
        long millis = wait == null ? 1000 : Long.parseLong(wait);
        CyclicBarrier meeting = MEETINGS.computeIfAbsent(key, k -> new CyclicBarrier(2));
        String answer;
        try {
            meeting.await(millis, TimeUnit.MILLISECONDS);
            answer = "together";
        } catch (TimeoutException | BrokenBarrierException e) {
            // A broken barrier: the partner gave up waiting before this request arrived.
            answer = "alone";
        }
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write(answer);
    }
}
