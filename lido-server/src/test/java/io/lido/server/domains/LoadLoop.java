package io.lido.server.domains;

import io.lido.server.activation.HostProcess;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Client threads that GET one path in a loop over keep-alive connections (the host's shared HTTP/1.1
 * client) and record every answer with the time it arrived, so a test can ask for failures and for the
 * first answer of a new deployment after a given moment.
 */
final class LoadLoop {
    /** One answer: when it arrived ({@link System#nanoTime()}), its status and body (or the exception). */
    record Answer(long arrivedNanos, int status, String body) {
    }

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private LoadLoop() {
    }

    /** Starts {@code threads} client threads on {@code path}. */
    static LoadLoop start(HostProcess host, String path, int threads) {
        LoadLoop load = new LoadLoop();
        for (int i = 0; i < threads; i++) {
            load.threads.add(Thread.ofPlatform().daemon().start(() -> load.run(host, path)));
        }
        return load;
    }

    private void run(HostProcess host, String path) {
        while (running.get()) {
            try {
                HttpResponse<String> r = host.get(path, Duration.ofSeconds(20));
                answers.add(new Answer(System.nanoTime(), r.statusCode(), r.body()));
            } catch (IOException e) {
                answers.add(new Answer(System.nanoTime(), -1, e.toString()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Waits for the first answer after {@code sinceNanos} whose body matches, and returns how long after
     * {@code sinceNanos} it arrived.
     */
    Duration awaitFirst(long sinceNanos, Predicate<String> body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Answer> first = answers.stream()
                    .filter(a -> a.arrivedNanos() > sinceNanos && a.status() == 200 && body.test(a.body()))
                    .findFirst();
            if (first.isPresent()) {
                return Duration.ofNanos(first.get().arrivedNanos() - sinceNanos);
            }
            HostProcess.sleep(5);
        }
        throw new AssertionError("no matching answer within " + timeout + "; last: " + last());
    }

    /** The latest answer's body. */
    String last() {
        Answer latest = null;
        for (Answer a : answers) {
            latest = a;
        }
        return latest == null ? "(none)" : latest.status() + " " + latest.body();
    }

    /** The answers that were not 200 (status -1: the request failed), as "STATUS BODY". */
    List<String> failures() {
        return answers.stream().filter(a -> a.status() != 200).map(a -> a.status() + " " + a.body()).toList();
    }

    /** How many answers were 200. */
    long ok() {
        return answers.stream().filter(a -> a.status() == 200).count();
    }

    /** The 200 answers that arrived after {@code sinceNanos}. */
    List<String> bodiesSince(long sinceNanos) {
        return answers.stream().filter(a -> a.arrivedNanos() > sinceNanos && a.status() == 200).map(Answer::body).toList();
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30));
        }
    }
}
