package io.lido.server;

import io.lido.activation.AotTrainingLoad;
import io.lido.config.ApplicationPoolConfig;
import io.lido.config.TimeSpans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The host's AOT training load: a few keep-alive connections GET a pool's {@code jvmAotTrainingUrl} through
 * Lido's own listener (so the requests take the real path: listener, queue, worker link, pipeline, handler)
 * for {@code jvmAotTrainingTime}. The listener may not accept yet when the training worker is ready (the host is
 * still starting): refused connections are retried until the time is up. Logged once, with the statuses seen.
 */
final class HttpAotTrainingLoad implements AotTrainingLoad {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAotTrainingLoad.class);
    static final int CONNECTIONS = 4;
    static final String USER_AGENT = "Lido AOT training";

    @Override
    public CompletableFuture<Void> run(String pool, ApplicationPoolConfig.AotTraining training) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("lido-aot-training " + pool).start(() -> {
            try {
                load(pool, training);
            } catch (RuntimeException e) {
                LOG.warn("Application pool '{}': the AOT training load failed: {}", pool, e.toString());
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private static void load(String pool, ApplicationPoolConfig.AotTraining training) {
        long deadline = System.nanoTime() + training.duration().toNanos();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder failures = new LongAdder();
        HttpRequest request = HttpRequest.newBuilder(URI.create(training.url()))
                .header("User-Agent", USER_AGENT).timeout(Duration.ofSeconds(30)).GET().build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build()) {
            Thread[] senders = new Thread[CONNECTIONS];
            for (int i = 0; i < senders.length; i++) {
                senders[i] = Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                            statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                        } catch (IOException e) {
                            // Refused at first: the listener accepts only once the host has started.
                            failures.increment();
                            pause();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            for (Thread sender : senders) {
                sender.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0 || !counts.containsKey(200)) {
            LOG.warn("Application pool '{}': its AOT training load got no 200 from {} in {} (statuses {}, {} failed"
                            + " connections): the cache has no request profiles", pool, training.url(),
                    TimeSpans.format(training.duration()), counts, failures.sum());
        } else {
            LOG.info("Application pool '{}': AOT training load done: {} requests to {} in {} (statuses {})", pool,
                    total, training.url(), TimeSpans.format(training.duration()), counts);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
