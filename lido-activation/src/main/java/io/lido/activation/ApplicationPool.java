package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.TimeSpans;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.frame.FaultCodec;
import io.lido.ipc.link.ExchangeEvents;
import io.lido.ipc.link.WorkerHungException;
import io.lido.ipc.link.WorkerLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One {@code outOfProcess} application pool: the listener's {@link RequestDispatcher} for the pool's
 * applications, its request queue and its worker processes.
 *
 * <p>{@link #dispatch} is called on a listener event loop. In the steady state (pool started, a READY
 * worker with room, nothing queued) it sends the request to the worker's link right there and counts
 * its completion with atomics: no thread hand-off. Otherwise it only enqueues a task, and every decision
 * runs on the pool's {@link SerialExecutor}. A request goes to the least busy READY worker; with none, it
 * waits in the queue (at most {@code queueLength}, at most {@code startupTimeLimit}) while a worker
 * starts. Timers (ping, startup and shutdown limits, periodic recycling, idle timeout, queue expiry)
 * are evaluated by {@link #tick()}, which the {@link ActivationService} calls a few times a second and
 * tests call after moving their clock.
 */
public final class ApplicationPool implements RequestDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationPool.class);

    private static final Duration MEMORY_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final String STOPPED_BY_RAPID_FAIL = PoolErrorLog.APP_OFFLINE;

    private final String name;
    private final WorkerLauncher launcher;
    private final Clock clock;
    private final SerialExecutor serial;
    private final Executor blocking;
    private final PoolResponses responses;
    private final PoolEvents events;
    private final RequestQueue queue;
    private final List<Worker> workers = new ArrayList<>();
    /** {@link #workers}, published for the direct dispatch on the listener's event loops. */
    private volatile Worker[] routes = new Worker[0];
    /** Requests handed to the pool's thread and not yet queued or sent: a direct dispatch must not overtake them. */
    private final AtomicInteger accepting = new AtomicInteger();
    private final PoolCounters counters = new PoolCounters();
    private final RapidFailGuard rapidFail = new RapidFailGuard();
    private final RecycleSchedule schedule;
    private final PendingStarts pendingStarts = new PendingStarts();
    /**
     * Whether the latest worker that failed did so on its configuration (a launch refused by its settings, or a
     * worker that exited {@link ExitStatus#CONFIGURATION_ERROR} before READY): a pool rapid-fail protection stopped
     * for that starts again with the next valid configuration, changed or not.
     */
    private boolean failingOnConfiguration;
    private volatile ApplicationPoolConfig config;
    private volatile PoolState state = PoolState.STOPPED;
    private String stopReason = PoolErrorLog.DISABLED;
    private String stopDetail = "the application pool is not started";
    private Instant lastMemoryCheck;
    private int nextOrdinal = 1;
    private CompletableFuture<Void> shutdownWaiter;

    /**
     * A stopped pool; {@link #start()} starts it.
     *
     * @param threads  runs the pool's tasks and the blocking steps (thread dumps); tests pass
     *                 {@code Runnable::run}
     * @param errorLog receives the requests the pool answers itself
     */
    public ApplicationPool(ApplicationPoolConfig config, WorkerLauncher launcher, Clock clock, Executor threads,
                           PoolErrorLog errorLog) {
        this.name = config.name();
        this.config = config;
        this.launcher = launcher;
        this.clock = clock;
        this.serial = new SerialExecutor(threads);
        this.blocking = threads;
        this.responses = new PoolResponses(name, errorLog);
        this.events = new PoolEvents(name);
        this.queue = new RequestQueue(name, responses);
        queue.countRejectionsIn(counters.queueRejected);
        this.schedule = new RecycleSchedule(clock.instant());
    }

    public String name() {
        return name;
    }

    /** The pool's running totals (requests, recycles, rapid-fail stops, queue rejections). */
    public PoolCounters counters() {
        return counters;
    }

    public PoolState state() {
        return state;
    }

    public ApplicationPoolConfig config() {
        return config;
    }

    @Override
    public void dispatch(RequestHead head, RequestBody body, ResponseChannel response) {
        PendingRequest request = new PendingRequest(head, body, response, clock.instant());
        counters.requests.increment();
        if (accepting.get() == 0 && queue.waiting() == 0 && dispatchDirect(request)) {
            return;
        }
        handToPool(request);
    }

    private void handToPool(PendingRequest request) {
        accepting.incrementAndGet();
        serial.execute(() -> accept(request));
    }

    /**
     * Starts the pool (at server start, or {@code lido start apppool}): it takes requests again. Completes once
     * the workers that starts (an {@code AlwaysRunning} pool's) are READY, or with the failure of one of them.
     */
    public CompletableFuture<PendingStarts.Outcome> start() {
        CompletableFuture<PendingStarts.Outcome> done = new CompletableFuture<>();
        serial.execute(() -> {
            if (state == PoolState.STARTED) {
                done.complete(PendingStarts.Outcome.success("\"" + name + "\" is already started"));
                return;
            }
            state = PoolState.STARTED;
            rapidFail.reset();
            LOG.info("Application pool '{}' started", name);
            pendingStarts.await(List.of(), "\"" + name + "\" successfully started", done);
            pump();
            pendingStarts.check(workers);
        });
        return done;
    }

    /** Stops the pool ({@code lido stop apppool}): its workers drain and every request gets 503. */
    public void stop() {
        serial.execute(() -> {
            LOG.info("Application pool '{}' was stopped by an administrator", name);
            stopPool(PoolErrorLog.DISABLED, "application pool '" + name + "' is stopped");
        });
    }

    /**
     * Recycles every worker ({@code lido recycle apppool}). Completes once the replacements are READY (the old
     * workers then drain), with a failure as soon as a replacement fails to start, or at once for a stopped pool,
     * which has nothing to recycle.
     */
    public CompletableFuture<PendingStarts.Outcome> recycle() {
        CompletableFuture<PendingStarts.Outcome> done = new CompletableFuture<>();
        serial.execute(() -> {
            if (state != PoolState.STARTED) {
                done.complete(PendingStarts.Outcome.failure("application pool '" + name + "' is stopped (" + stopDetail
                        + "): it has no worker process to recycle; 'lido start apppool " + name + "' starts it"));
                return;
            }
            LOG.info("An administrator has requested a recycle of all worker processes in application pool '{}'",
                    name);
            List<Worker> replaced = workers.stream().filter(w -> w.phase == Worker.Phase.RUNNING).toList();
            pendingStarts.await(replaced, "\"" + name + "\" successfully recycled"
                    + (replaced.isEmpty() ? " (no worker process was running)" : ""), done);
            recycleAll("an administrator requested a recycle");
            pendingStarts.check(workers);
        });
        return done;
    }

    /**
     * Asks every running worker to restart the domain of one application ({@code lido recycle app}).
     * Completes with one outcome per worker, once all have answered: empty when no worker runs (nothing to
     * recycle); a worker whose connection fails first counts as FAILED with the reason.
     */
    public CompletableFuture<List<ApplicationRecycle>> recycleApplication(long siteId, String applicationPath) {
        List<WorkerLink> links = runningLinks();
        LOG.info("An administrator has requested a recycle of application {} of site {} in application pool '{}' ({} "
                + "worker(s))", applicationPath, siteId, name, links.size());
        List<CompletableFuture<ApplicationRecycle>> outcomes = links.stream()
                .map(link -> link.recycleApplication(siteId, applicationPath).handle((reply, error) -> error == null
                        ? new ApplicationRecycle(link.pid(), reply.status(), reply.message())
                        : new ApplicationRecycle(link.pid(), io.lido.ipc.frame.RecycleCodec.Status.FAILED,
                        error.getMessage())))
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Asks every running worker for the domain state of its applications ({@code lido list app}). Completes
     * once all have answered, with one entry per worker (empty when none runs); a worker that does not answer
     * within {@code timeout}, or whose connection fails, gets an entry with the reason instead.
     */
    public CompletableFuture<List<WorkerDomains>> applicationStatus(Duration timeout) {
        List<CompletableFuture<WorkerDomains>> answers = runningLinks().stream()
                .map(link -> link.applicationStatus().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .handle((reply, error) -> error == null
                                ? new WorkerDomains(link.pid(), reply.applications(), null)
                                : new WorkerDomains(link.pid(), List.of(), error instanceof TimeoutException
                                ? "no answer within " + TimeSpans.format(timeout) : error.getMessage())))
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> answers.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Asks every running worker for the requests it executes that have run at least {@code minElapsedMillis}
     * ({@code lido list request}), as {@link #applicationStatus} does for domains.
     */
    public CompletableFuture<List<WorkerRequests>> executingRequests(long minElapsedMillis, Duration timeout) {
        List<CompletableFuture<WorkerRequests>> answers = runningLinks().stream()
                .map(link -> link.executingRequests(minElapsedMillis).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .handle((reply, error) -> error == null
                                ? new WorkerRequests(link.pid(), reply.requests(), reply.omitted(), null)
                                : new WorkerRequests(link.pid(), List.of(), 0, error instanceof TimeoutException
                                ? "no answer within " + TimeSpans.format(timeout) : error.getMessage())))
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> answers.stream().map(CompletableFuture::join).toList());
    }

    /** Where the output of this pool's worker {@code pid} goes (null when the launcher keeps none). */
    public Path workerLog(long pid) {
        return launcher.workerLog(config, pid);
    }

    /** The links of the workers that serve now (READY, not draining), read on the pool's thread. */
    private List<WorkerLink> runningLinks() {
        return onPoolThread(() -> workers.stream()
                .filter(w -> w.phase == Worker.Phase.RUNNING && w.link != null).map(w -> w.link).toList());
    }

    /**
     * Starts one worker ahead of demand so that its JVM trains the pool's AOT cache (written when it exits), and
     * drains it once it is READY, as an idle timeout would; a request that comes meanwhile is served by it, which
     * then stays until its idle timeout. Completes with true once that worker has exited or, when it stays, once it
     * is READY (its JVM writes the cache whenever it exits); at once with false
     * when the pool is not started, already has a worker (which trains the cache itself), or its configuration
     * needs no training ({@code needsTraining} is asked on the pool's thread, so it sees the latest one).
     */
    public CompletableFuture<Boolean> pretrain(Predicate<ApplicationPoolConfig> needsTraining) {
        return pretrain(needsTraining, null);
    }

    /**
     * {@link #pretrain(Predicate)}; once the training worker is ready, {@code load} (null: none) runs the pool's
     * {@code jvmAotTrainingUrl} load, if it has one, and the worker drains when it is over.
     */
    public CompletableFuture<Boolean> pretrain(Predicate<ApplicationPoolConfig> needsTraining, AotTrainingLoad load) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        serial.execute(() -> {
            if (state != PoolState.STARTED || !workers.isEmpty() || !needsTraining.test(config)) {
                done.complete(false);
                return;
            }
            LOG.info("Application pool '{}': its JVM has no AOT cache yet: a worker starts now to train it, and stops"
                    + " again once it is ready (the cache is written as it exits)", name);
            Worker worker = launch();
            if (worker == null) {
                done.complete(false);
                return;
            }
            worker.pretraining = done;
            worker.trainingLoad = load;
            worker.process.exited().whenComplete((code, error) -> done.complete(true));
        });
        return done;
    }

    /**
     * Applies a new configuration of this pool. A real change recycles the workers unless
     * {@code disallowRotationOnConfigChange}, and starts a pool that rapid-fail protection stopped.
     */
    public void reconfigure(ApplicationPoolConfig next) {
        serial.execute(() -> {
            boolean changed = !withoutLocation(config).equals(withoutLocation(next));
            config = next;
            if (!changed) {
                if (state == PoolState.STOPPED && STOPPED_BY_RAPID_FAIL.equals(stopReason) && failingOnConfiguration) {
                    state = PoolState.STARTED;
                    rapidFail.reset();
                    LOG.info("Application pool '{}' started again: its workers failed on their configuration, and a"
                            + " valid configuration arrived", name);
                    pump();
                }
                return;
            }
            LOG.info("The configuration of application pool '{}' changed", name);
            if (state == PoolState.STOPPED && STOPPED_BY_RAPID_FAIL.equals(stopReason)) {
                state = PoolState.STARTED;
                rapidFail.reset();
                LOG.info("Application pool '{}' started again after a configuration change", name);
            }
            if (!next.recycling().disallowRotationOnConfigChange()) {
                recycleAll("the application pool configuration changed");
            }
            pump();
        });
    }

    /** Evaluates every timer against the clock. */
    public void tick() {
        serial.execute(this::checkTimers);
    }

    /** A snapshot of the pool's workers. */
    public List<WorkerInfo> workers() {
        return onPoolThread(() -> {
            Instant now = clock.instant();
            return workers.stream().map(w -> w.info(name, now)).toList();
        });
    }

    /** Requests waiting in the queue now. */
    public int queued() {
        return onPoolThread(queue::size);
    }

    /**
     * Stops the pool for good: queued requests get 503, workers drain; waits up to {@code timeout} for
     * them to exit, then kills the rest.
     */
    public void shutdown(Duration timeout) {
        CompletableFuture<Void> gone = new CompletableFuture<>();
        serial.execute(() -> {
            shutdownWaiter = gone;
            stopPool(PoolErrorLog.APP_SHUTDOWN, "Lido is shutting down");
            completeShutdownIfIdle();
        });
        try {
            gone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Application pool '{}': workers still running after {} at shutdown; killing them",
                    name, TimeSpans.format(timeout));
            serial.execute(() -> List.copyOf(workers).forEach(this::kill));
            awaitQuietly(gone, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while shutting down application pool '" + name + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("shutting down application pool '" + name + "' failed", e.getCause());
        }
    }

    // ---- requests ----------------------------------------------------------------------------------

    private void accept(PendingRequest request) {
        try {
            if (state == PoolState.STOPPED) {
                responses.reject(request, 503, stopReason, stopDetail);
                return;
            }
            queue.offer(request, config.queueLength());
            pump();
        } finally {
            // Only now: until it is queued or sent, a later request must not take the direct way past it.
            accepting.decrementAndGet();
        }
    }

    /**
     * Sends a request from the listener's thread to the least busy READY worker that is not being
     * recycled, if one has room. Reads only volatile and atomic worker state: a worker that stops taking
     * requests at the same moment refuses the request in its link (draining or closed), and the request
     * then takes the pool's way like any other.
     */
    private boolean dispatchDirect(PendingRequest request) {
        if (state != PoolState.STARTED) {
            return false;
        }
        Worker worker = null;
        int fewest = Integer.MAX_VALUE;
        int slots = config.maxConcurrentRequests();
        for (Worker w : routes) {
            int load = w.inFlight.get();
            if (load < fewest && w.takesDirectRequests(slots)) {
                worker = w;
                fewest = load;
            }
        }
        if (worker == null) {
            return false;
        }
        int before = worker.inFlight.getAndIncrement();
        if (before >= slots) {
            worker.inFlight.decrementAndGet(); // another event loop took the last room
            return false;
        }
        long count = worker.requests.incrementAndGet();
        request.sentAt = request.queuedAt; // just taken, on this thread: no second clock read
        Exchange exchange = new Exchange(worker, request, true);
        exchange.sendingThread = Thread.currentThread();
        worker.link.dispatch(request.head, request.body, request.response, exchange);
        exchange.sendingThread = null;
        long limit = config.recycling().requests();
        if (limit > 0 && count == limit) {
            Worker full = worker;
            serial.execute(() -> recycle(full, "the worker process reached its allowed request limit (" + limit + ")"));
        } else if (before == 0 && config.processModel().maxProcesses() > 1) {
            serial.execute(this::pump); // a web garden may need another worker now that this one is busy
        }
        return true;
    }

    /** Hands queued requests to workers, then starts workers if the demand needs more. */
    private void pump() {
        queue.dropAbandoned();
        while (!queue.isEmpty()) {
            Worker worker = leastBusy();
            if (worker == null) {
                break;
            }
            send(worker, queue.poll());
        }
        startWorkersAsNeeded();
    }

    /**
     * The running worker with the fewest requests, preferring ones not being recycled; null if none has room
     * (each executes at most the pool's {@code maxConcurrentRequests} at once; more wait in the queue).
     */
    private Worker leastBusy() {
        Worker best = null;
        int slots = config.maxConcurrentRequests();
        for (Worker w : workers) {
            int inFlight = w.inFlight.get();
            if (!w.takesRequests() || inFlight >= slots) {
                continue;
            }
            if (best == null || (best.retiring && !w.retiring)
                    || (best.retiring == w.retiring && inFlight < best.inFlight.get())) {
                best = w;
            }
        }
        return best;
    }

    private void send(Worker worker, PendingRequest request) {
        worker.inFlight.incrementAndGet();
        long count = worker.requests.incrementAndGet();
        Instant now = clock.instant();
        worker.lastActivity = now;
        request.sentAt = now;
        Exchange exchange = new Exchange(worker, request, false);
        exchange.sendingThread = Thread.currentThread();
        worker.link.dispatch(request.head, request.body, request.response, exchange);
        exchange.sendingThread = null;
        long limit = config.recycling().requests();
        if (limit > 0 && count >= limit) {
            recycle(worker, "the worker process reached its allowed request limit (" + limit + ")");
        }
    }

    /**
     * Relays a link's events about one exchange onto the pool's thread; a directly dispatched exchange
     * completes without it.
     */
    private final class Exchange implements ExchangeEvents {
        private final Worker worker;
        private final PendingRequest request;
        private final boolean direct;
        /** Set while the link's dispatch runs on the pool's thread: a failure then means nothing was sent. */
        Thread sendingThread;

        Exchange(Worker worker, PendingRequest request, boolean direct) {
            this.worker = worker;
            this.request = request;
            this.direct = direct;
        }

        @Override
        public void completed() {
            if (direct) {
                directExchangeEnded(worker);
            } else {
                serial.execute(() -> exchangeEnded(worker));
            }
        }

        @Override
        public void faulted(FaultCodec.Fault fault) {
            serial.execute(() -> {
                request.namedBy = "the worker process named it: " + fault.detail();
                worker.namedRequests = true;
            });
        }

        @Override
        public void failed(String reason, boolean responseStarted) {
            if (direct && sendingThread == Thread.currentThread()) {
                // The worker stopped taking requests as this one went to it; nothing was sent.
                accepting.incrementAndGet();
                serial.execute(() -> directExchangeRefused(worker, request));
            } else if (sendingThread == Thread.currentThread()) {
                // Refused inside dispatch (the connection had just closed): the worker never saw it.
                serial.execute(() -> exchangeRefused(worker, request, reason));
            } else {
                serial.execute(() -> exchangeFailed(worker, request, reason, responseStarted));
            }
        }
    }

    private void exchangeEnded(Worker worker) {
        worker.inFlight.decrementAndGet();
        worker.lastActivity = clock.instant();
        pump();
    }

    /**
     * A direct exchange ended, on the link's thread. The pool's thread only needs to hear of it when
     * requests wait for the room it frees; the decrement comes first so that a request queued at the
     * same moment is either seen here or sees the room in its own pump.
     */
    private void directExchangeEnded(Worker worker) {
        worker.lastActivity = clock.instant();
        worker.inFlight.decrementAndGet();
        if (accepting.get() != 0 || queue.waiting() != 0) {
            serial.execute(this::pump);
        }
    }

    /** A direct dispatch the link refused at once: the request takes the pool's way, as if it had just come. */
    private void directExchangeRefused(Worker worker, PendingRequest request) {
        worker.inFlight.decrementAndGet();
        worker.requests.decrementAndGet();
        accept(request);
    }

    /**
     * A request the link refused before sending a byte may run elsewhere whatever its method. Only when
     * the link is really gone, though: an open link that refuses would refuse again, so that one fails.
     */
    private void exchangeRefused(Worker worker, PendingRequest request, String reason) {
        if (worker.link.isOpen()) {
            exchangeFailed(worker, request, reason, false);
            return;
        }
        exchangeEnded(worker);
        if (worker.phase == Worker.Phase.RUNNING) {
            markLost(worker, reason);
        }
        worker.requests.decrementAndGet();
        queue.addFirst(request);
        pump();
    }

    private void exchangeFailed(Worker worker, PendingRequest request, String reason, boolean responseStarted) {
        exchangeEnded(worker);
        if (worker.phase == Worker.Phase.RUNNING && !worker.link.isOpen()) {
            // The failure may arrive before the link's close notice: never replay onto the dead worker.
            markLost(worker, reason);
        }
        if (worker.link.isOpen()) {
            // The link is fine and refused only this exchange: the worker did not die of it.
            settle(request, worker, reason, responseStarted, null);
            return;
        }
        worker.lostRequests++;
        if (responseStarted) {
            settle(request, worker, reason, true, null);
        } else if (worker.verdict != null) {
            settle(request, worker, reason, false, worker.verdict);
        } else {
            // Whether it caused the death is known once the process has exited (its status, what the pool saw).
            request.failure = reason;
            worker.orphans.add(request);
        }
    }

    /**
     * Answers a request whose worker failed under it: 502 at once when it caused the failure ({@link CrashVerdict}),
     * else a replay once when that is safe, else 502; a response already started can only be cut.
     */
    private void settle(PendingRequest request, Worker worker, String reason, boolean responseStarted,
                        CrashVerdict verdict) {
        if (responseStarted) {
            responses.abort(request, PoolErrorLog.ABANDONED_BY_APP_POOL,
                    "the worker process of application pool '" + name + "' failed: " + reason);
            return;
        }
        String guilt = verdict == null ? null : verdict.guilt(request.namedBy, request.sentAt);
        if (guilt != null) {
            events.notReplayed(request, worker, guilt);
            responses.reject(request, 502, PoolErrorLog.ABANDONED_BY_APP_POOL, "the worker process (pid " + worker.pid()
                    + ") of application pool '" + name + "' failed while executing the request, which caused it ("
                    + guilt + ")");
        } else if (request.replayable(false)) {
            request.replayed = true;
            if (state == PoolState.STOPPED) {
                responses.reject(request, 503, stopReason, stopDetail);
                return;
            }
            events.replaying(request, worker, reason);
            queue.addFirst(request);
            pump();
        } else {
            responses.reject(request, 502, PoolErrorLog.ABANDONED_BY_APP_POOL, "the worker process of application"
                    + " pool '" + name + "' failed while executing the request (" + reason + ")");
        }
    }

    /** The worker has exited: judges the requests it took down with it and answers them. */
    private void settleOrphans(Worker worker, Integer code) {
        worker.verdict = new CrashVerdict(worker.ending, worker.unansweredPingSentAt, worker.namedRequests,
                worker.exitReported, code, worker.lostRequests + worker.inFlight.get());
        List<PendingRequest> orphans = List.copyOf(worker.orphans);
        worker.orphans.clear();
        for (PendingRequest request : orphans) {
            settle(request, worker, request.failure, false, worker.verdict);
        }
    }

    /** A FAULT from the worker about itself: System.exit (it is going), or OutOfMemoryError (replace it). */
    private void workerFault(Worker worker, FaultCodec.Fault fault) {
        switch (fault.kind()) {
            case EXIT -> {
                worker.exitReported = true;
                events.exitCalled(worker, fault.detail());
                if (worker.phase == Worker.Phase.RUNNING) {
                    // It is going: no new requests, no pings (a JVM that writes its AOT cache as it exits answers
                    // none for seconds), only its time limit to exit.
                    worker.enter(Worker.Phase.LOST, clock.instant());
                    pump();
                }
            }
            case OUT_OF_MEMORY -> {
                if (worker.phase == Worker.Phase.RUNNING && !worker.retiring) {
                    worker.recycleReason = "OutOfMemory";
                    recycle(worker, "OutOfMemory: " + fault.detail());
                    pump();
                }
            }
            case HUNG -> {
                // The PONG that follows carries the report; the worker is replaced then.
            }
        }
    }

    // ---- workers -----------------------------------------------------------------------------------

    private void startWorkersAsNeeded() {
        if (state != PoolState.STARTED) {
            return;
        }
        for (Worker w : workers) {
            if (w.blocksStart) {
                return; // disallowOverlappingRotation: the old worker exits before a new one starts
            }
        }
        int max = Math.max(1, config.processModel().maxProcesses());
        int active = 0;
        int running = 0;
        boolean starting = false;
        boolean allBusy = true;
        for (Worker w : workers) {
            if (w.retiring) {
                continue;
            }
            if (w.phase == Worker.Phase.STARTING) {
                active++;
                starting = true;
            } else if (w.phase == Worker.Phase.RUNNING) {
                active++;
                running++;
                allBusy &= w.inFlight.get() > 0;
            }
        }
        for (Worker old : List.copyOf(workers)) {
            if (old.retiring && old.phase == Worker.Phase.RUNNING && old.replacement == null && active < max) {
                old.replacement = launch();
                if (old.replacement == null) {
                    return;
                }
                active++;
                starting = true;
            }
        }
        // Web garden: another worker when every running one is busy (IIS maxProcesses > 1).
        boolean demand = !queue.isEmpty()
                || (config.alwaysRunning() && active == 0)
                || (max > 1 && running > 0 && allBusy);
        if (demand && !starting && active < max) {
            launch();
        }
    }

    private Worker launch() {
        Instant now = clock.instant();
        Worker worker = new Worker(nextOrdinal++, now);
        try {
            worker.process = launcher.launch(config, worker.ordinal);
        } catch (RuntimeException e) {
            events.launchFailed(e);
            // jvmOptions that do not parse, or no such pool in the configuration: the settings are at fault.
            failingOnConfiguration = e instanceof IllegalArgumentException;
            startFailed(worker, e.getMessage());
            countFailure(worker, now);
            return null;
        }
        workers.add(worker);
        publishRoutes();
        events.starting(worker);
        worker.process.ready().whenComplete((link, error) -> serial.execute(() -> onReady(worker, link, error)));
        worker.process.exited().whenComplete((code, error) -> serial.execute(() -> onExit(worker, code)));
        return worker;
    }

    private void onReady(Worker worker, WorkerLink link, Throwable error) {
        Instant now = clock.instant();
        if (error != null) {
            if (worker.phase == Worker.Phase.STARTING) {
                events.failedToStart(worker, rootMessage(error));
                startFailed(worker, rootMessage(error));
                countFailure(worker, now);
                kill(worker);
            }
            return;
        }
        if (worker.phase != Worker.Phase.STARTING) {
            link.close(); // killed or stopped while it was starting
            return;
        }
        worker.link = link;
        worker.enter(Worker.Phase.RUNNING, now);
        worker.lastActivity = now;
        worker.lastPong = now;
        link.onFault(fault -> serial.execute(() -> workerFault(worker, fault)));
        link.onClose(reason -> serial.execute(() -> onLinkClosed(worker, reason)));
        events.ready(worker, now);
        for (Worker old : List.copyOf(workers)) {
            if (old.retiring && old.replacement == worker) {
                drain(old, "its replacement (pid " + link.pid() + ") is ready");
            }
        }
        if (state != PoolState.STARTED) {
            drain(worker, "the application pool is stopped");
        }
        pump();
        if (worker.pretraining != null && worker.trainingLoad != null && config.aotTraining().enabled()
                && worker.phase == Worker.Phase.RUNNING) {
            runTrainingLoad(worker);
        } else if (worker.pretraining != null) {
            if (worker.phase == Worker.Phase.RUNNING && !worker.retiring && worker.inFlight.get() == 0) {
                drain(worker, "it was started only to train the AOT cache, and no request came");
            } else {
                worker.pretraining.complete(true); // it serves the pool now: the next pool need not wait for it
            }
            worker.pretraining = null;
        }
        pendingStarts.check(workers);
    }

    private void runTrainingLoad(Worker worker) {
        ApplicationPoolConfig.AotTraining training = config.aotTraining();
        AotTrainingLoad load = worker.trainingLoad;
        worker.trainingLoad = null;
        LOG.info("Application pool '{}': worker process {} (pid {}) trains the AOT cache under load: GET {} for {}",
                name, worker.ordinal, worker.process.pid(), training.url(), TimeSpans.format(training.duration()));
        load.run(name, training).whenComplete((ignored, error) -> serial.execute(() -> {
            CompletableFuture<Boolean> pretraining = worker.pretraining;
            worker.pretraining = null;
            if (pretraining == null) {
                return;
            }
            if (worker.phase == Worker.Phase.RUNNING && !worker.retiring) {
                drain(worker, "its AOT training load is over (the cache is written as it exits)");
            } else {
                pretraining.complete(true);
            }
        }));
    }

    private void onLinkClosed(Worker worker, String reason) {
        if (worker.phase == Worker.Phase.RUNNING) {
            markLost(worker, reason);
        } else if (worker.phase == Worker.Phase.DRAINING && worker.process.exitGrace().isPositive()) {
            // Its drain is over; what remains is the JVM's own exit work, which has a limit of its own.
            worker.enter(Worker.Phase.EXITING, clock.instant());
        }
        pump();
    }

    private void markLost(Worker worker, String reason) {
        events.connectionClosed(worker, reason);
        worker.enter(Worker.Phase.LOST, clock.instant());
    }

    private void onExit(Worker worker, Integer code) {
        Instant now = clock.instant();
        workers.remove(worker);
        publishRoutes();
        for (Worker w : workers) {
            if (w.replacement == worker) {
                w.replacement = null;
            }
        }
        String status = code == null ? "exit status unknown" : ExitStatus.describe(code);
        if (!worker.exitExpected) {
            failingOnConfiguration = worker.link == null && code != null && code == ExitStatus.CONFIGURATION_ERROR;
            if (worker.link == null && !worker.failureCounted) {
                startFailed(worker, status);
            }
        }
        if (worker.exitExpected) {
            events.exited(worker, status, now);
        } else if (worker.phase == Worker.Phase.KILLED && worker.failureCounted) {
            events.killed(worker, status, now);
        } else {
            events.crashed(worker, status, now, worker.exitReported);
            countFailure(worker, now);
        }
        settleOrphans(worker, code);
        pump();
        pendingStarts.check(workers);
        completeShutdownIfIdle();
    }

    /** A worker that did not become READY: the verbs waiting for starts learn why. */
    private void startFailed(Worker worker, String why) {
        pendingStarts.fail("a worker process of application pool '" + name + "' failed to start" + (worker.process == null
                ? "" : " (pid " + worker.process.pid() + ")") + ": " + why);
    }

    private void countFailure(Worker worker, Instant now) {
        if (worker.failureCounted) {
            return;
        }
        worker.failureCounted = true;
        ApplicationPoolConfig.Failure failure = config.failure();
        if (rapidFail.recordFailure(now, failure) && state == PoolState.STARTED) {
            events.rapidFail(rapidFail.recentFailures(), failure.rapidFailProtectionInterval());
            counters.rapidFailStops.increment();
            stopPool(STOPPED_BY_RAPID_FAIL, "Pool stopped by rapid-fail protection: application pool '" + name
                    + "' failed " + rapidFail.recentFailures() + " times within "
                    + failure.rapidFailProtectionInterval());
        }
    }

    private void stopPool(String reason, String detail) {
        state = PoolState.STOPPED;
        stopReason = reason;
        stopDetail = detail;
        pendingStarts.fail("application pool '" + name + "' stopped: " + detail);
        queue.rejectAll(503, reason, detail);
        for (Worker w : List.copyOf(workers)) {
            drain(w, "the application pool is stopping");
        }
    }

    private void recycleAll(String reason) {
        for (Worker w : List.copyOf(workers)) {
            recycle(w, reason);
        }
        pump();
    }

    /** Overlapped: a replacement starts and the old worker drains once it is ready; else the old one stops first. */
    private void recycle(Worker worker, String reason) {
        if (worker.retiring || worker.phase != Worker.Phase.RUNNING) {
            return;
        }
        events.recycling(worker, reason);
        counters.recycles.increment();
        worker.retiring = true;
        if (config.recycling().disallowOverlappingRotation()) {
            worker.blocksStart = true;
            drain(worker, "recycle without overlap");
        } else {
            startWorkersAsNeeded();
        }
    }

    private void drain(Worker worker, String why) {
        switch (worker.phase) {
            case RUNNING -> {
                events.draining(worker, why);
                worker.exitExpected = true;
                worker.enter(Worker.Phase.DRAINING, clock.instant());
                worker.link.drain();
            }
            case STARTING -> {
                worker.exitExpected = true;
                kill(worker);
            }
            default -> {
            }
        }
    }

    private void kill(Worker worker) {
        kill(worker, CrashVerdict.Ending.KILLED_BY_POOL);
    }

    private void kill(Worker worker, CrashVerdict.Ending why) {
        worker.ending = why;
        worker.enter(Worker.Phase.KILLED, clock.instant());
        worker.process.kill();
    }

    private void completeShutdownIfIdle() {
        if (shutdownWaiter != null && workers.isEmpty()) {
            shutdownWaiter.complete(null);
        }
    }

    // ---- timers ------------------------------------------------------------------------------------

    private void checkTimers() {
        Instant now = clock.instant();
        boolean checkMemory = lastMemoryCheck == null || !now.isBefore(lastMemoryCheck.plus(MEMORY_CHECK_INTERVAL));
        if (checkMemory) {
            lastMemoryCheck = now;
        }
        boolean scheduled = schedule.due(now, clock.getZone(), config.recycling().schedule());
        ApplicationPoolConfig.ProcessModel model = config.processModel();
        for (Worker w : List.copyOf(workers)) {
            Duration inPhase = Duration.between(w.phaseSince, now);
            switch (w.phase) {
                case STARTING -> {
                    if (inPhase.compareTo(model.startupTimeLimit()) > 0) {
                        events.startupTimeout(w, model.startupTimeLimit());
                        startFailed(w, "not READY within the startupTimeLimit (" + model.startupTimeLimit() + ")");
                        countFailure(w, now);
                        kill(w);
                    }
                }
                case RUNNING -> supervise(w, now, checkMemory, scheduled);
                case DRAINING, LOST -> {
                    Duration limit = w.exitReported && w.process.exitGrace().compareTo(model.shutdownTimeLimit()) > 0
                            ? w.process.exitGrace() : model.shutdownTimeLimit();
                    if (inPhase.compareTo(limit) > 0) {
                        events.shutdownTimeout(w, limit);
                        // A LOST worker's requests were cut by its connection, not kept by this kill.
                        kill(w, w.phase == Worker.Phase.DRAINING ? CrashVerdict.Ending.OVER_SHUTDOWN_LIMIT
                                : CrashVerdict.Ending.BY_ITSELF);
                    }
                }
                case EXITING -> {
                    if (inPhase.compareTo(w.process.exitGrace()) > 0) {
                        LOG.warn("Application pool '{}': worker process pid {} did not exit within {} after its drain;"
                                + " killing it", name, w.process.pid(), TimeSpans.format(w.process.exitGrace()));
                        kill(w);
                    }
                }
                case KILLED -> {
                }
            }
        }
        queue.expire(now, config.processModel().startupTimeLimit(), busyWorkers());
        pump();
    }

    private void supervise(Worker worker, Instant now, boolean checkMemory, boolean scheduled) {
        ApplicationPoolConfig.ProcessModel model = config.processModel();
        if (model.pingingEnabled()) {
            if (worker.pingSentAt != null
                    && Duration.between(worker.pingSentAt, now).compareTo(model.pingResponseTime()) > 0) {
                events.pingFailed(worker, model.pingResponseTime());
                countFailure(worker, now);
                killAfterThreadDump(worker, worker.pingSentAt);
                return;
            }
            if (worker.pingSentAt == null && !now.isBefore(worker.lastPong.plus(model.pingInterval()))) {
                ping(worker, now);
            }
        }
        if (worker.retiring) {
            return;
        }
        String recycleReason = RecycleRules.reason(worker, now, config.recycling(), checkMemory, scheduled);
        if (recycleReason != null) {
            recycle(worker, recycleReason);
            return;
        }
        Duration idle = model.idleTimeout();
        if (!config.alwaysRunning() && !idle.isZero() && worker.inFlight.get() == 0
                && !now.isBefore(worker.lastActivity.plus(idle))) {
            events.idle(worker, idle);
            drain(worker, "idle timeout");
        }
    }

    private void ping(Worker worker, Instant now) {
        worker.pingSentAt = now;
        long sequence = ++worker.pingSequence;
        worker.link.ping().whenComplete((rtt, error) -> serial.execute(() -> {
            if (worker.pingSequence != sequence) {
                return;
            }
            if (error == null) {
                worker.pingSentAt = null;
                worker.lastPong = clock.instant();
            } else if (error instanceof WorkerHungException hung && worker.phase == Worker.Phase.RUNNING) {
                // Replaced now, not at the ping's deadline: the worker knows it is hung and said which request is.
                events.reportedHung(worker, hung.getMessage());
                countFailure(worker, clock.instant());
                killAfterThreadDump(worker, worker.pingSentAt);
            }
            // Any other failure means the link closed: its close notice handles the worker.
        }));
    }

    /** A hung worker: its thread dump goes to the pool's log folder first, so the hang can be diagnosed. */
    private void killAfterThreadDump(Worker worker, Instant unansweredPingSentAt) {
        worker.ending = CrashVerdict.Ending.HUNG;
        worker.unansweredPingSentAt = unansweredPingSentAt;
        worker.enter(Worker.Phase.KILLED, clock.instant());
        WorkerProcess process = worker.process;
        blocking.execute(() -> {
            try {
                process.writeThreadDump();
            } catch (RuntimeException e) {
                LOG.warn("Application pool '{}': no thread dump of worker pid {}: {}", name, process.pid(),
                        e.toString(), e);
            } finally {
                process.kill();
            }
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** Running workers: with one, a request still queued waited for a slot, not for a worker to start. */
    private int busyWorkers() {
        int running = 0;
        for (Worker w : workers) {
            if (w.phase == Worker.Phase.RUNNING) {
                running++;
            }
        }
        return running;
    }

    private void publishRoutes() {
        routes = workers.toArray(Worker[]::new);
    }

    private <T> T onPoolThread(Supplier<T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        serial.execute(() -> answer.complete(query.get()));
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying application pool '" + name + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("application pool '" + name + "' did not answer", e);
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Worker processes did not exit after being killed: {}", e.toString());
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static ApplicationPoolConfig withoutLocation(ApplicationPoolConfig c) {
        return new ApplicationPoolConfig(c.name(), c.queueLength(), c.autoStart(), c.alwaysRunning(),
                c.classicPipeline(), c.hostingModel(), c.jvmOptions(), c.processModel(), c.recycling(),
                c.failure(), c.environmentVariables(), null, c.jvmAotCache(), c.maxConcurrentRequests());
    }
}
