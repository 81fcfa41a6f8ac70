package io.lido.server;

import io.lido.activation.ActivationService;
import io.lido.activation.ApplicationPool;
import io.lido.activation.PoolCounters;
import io.lido.activation.PoolState;
import io.lido.activation.WorkerInfo;
import io.lido.config.ApplicationPoolConfig;
import io.lido.config.HostingModel;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The IIS performance counters of APP_POOL_WAS, W3SVC_W3WP and HTTP Service Request Queues under Prometheus names
 * (next-capabilities §8): read from the activation service when scraped, so that nothing but the pools' LongAdders
 * ({@link PoolCounters}) costs anything per request. Rates (requests/s) are {@code rate()} of the totals.
 */
final class LidoMetrics implements MultiCollector {
    private final ActivationService activation;
    private final IntSupplier inProcessRequests;

    LidoMetrics(ActivationService activation, IntSupplier inProcessRequests) {
        this.activation = activation;
        this.inProcessRequests = inProcessRequests;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder state = gauge("lido_apppool_state",
                "APP_POOL_WAS Current Application Pool State: 1 for the pool's state (Started, Stopped)");
        GaugeSnapshot.Builder processes = gauge("lido_apppool_worker_processes",
                "APP_POOL_WAS Current Worker Processes");
        CounterSnapshot.Builder requests = counter("lido_apppool_requests",
                "W3SVC_W3WP Total HTTP Requests Served, per pool (requests/s: rate())");
        CounterSnapshot.Builder recycles = counter("lido_apppool_recycles",
                "APP_POOL_WAS Total Application Pool Recycles");
        CounterSnapshot.Builder rapidFail = counter("lido_apppool_rapid_fail_stops",
                "Times rapid-fail protection stopped the pool");
        GaugeSnapshot.Builder queue = gauge("lido_apppool_queue_requests",
                "HTTP Service Request Queues CurrentQueueSize");
        CounterSnapshot.Builder rejected = counter("lido_apppool_queue_rejected",
                "HTTP Service Request Queues RejectedRequests (503 QueueFull)");
        GaugeSnapshot.Builder active = gauge("lido_worker_active_requests",
                "W3SVC_W3WP Active Requests, per worker process");
        CounterSnapshot.Builder served = counter("lido_worker_requests",
                "W3SVC_W3WP Total HTTP Requests Served, per worker process");
        for (ApplicationPoolConfig config : activation.configuredPools()) {
            ApplicationPool pool = config.hostingModel() == HostingModel.OUT_OF_PROCESS
                    ? activation.pool(config.name()).orElse(null) : null;
            boolean started = pool == null || pool.state() == PoolState.STARTED;
            state.dataPoint(gaugePoint(started ? 1 : 0, "apppool", config.name(), "state", "Started"));
            state.dataPoint(gaugePoint(started ? 0 : 1, "apppool", config.name(), "state", "Stopped"));
            if (pool == null) {
                continue;
            }
            PoolCounters totals = pool.counters();
            List<WorkerInfo> workers = pool.workers();
            processes.dataPoint(gaugePoint(workers.size(), "apppool", pool.name()));
            requests.dataPoint(counterPoint(totals.requests(), "apppool", pool.name()));
            recycles.dataPoint(counterPoint(totals.recycles(), "apppool", pool.name()));
            rapidFail.dataPoint(counterPoint(totals.rapidFailStops(), "apppool", pool.name()));
            queue.dataPoint(gaugePoint(pool.queued(), "apppool", pool.name()));
            rejected.dataPoint(counterPoint(totals.queueRejected(), "apppool", pool.name()));
            for (WorkerInfo w : workers) {
                String pid = Long.toString(w.pid());
                active.dataPoint(gaugePoint(w.inFlight(), "apppool", w.pool(), "pid", pid));
                served.dataPoint(counterPoint(w.requests(), "apppool", w.pool(), "pid", pid));
            }
        }
        List<MetricSnapshot> all = new ArrayList<>(List.of(state.build(), processes.build(), requests.build(),
                recycles.build(), rapidFail.build(), queue.build(), rejected.build(), active.build(), served.build()));
        all.add(gauge("lido_host_active_requests", "Requests executing in the in-process pools' applications")
                .dataPoint(gaugePoint(inProcessRequests.getAsInt())).build());
        all.add(gauge("lido_host_threads", "Live platform threads of the host process (W3SVC_W3WP Active Threads)")
                .dataPoint(gaugePoint(Thread.activeCount())).build());
        return new MetricSnapshots(all);
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static CounterSnapshot.Builder counter(String name, String help) {
        return CounterSnapshot.builder().name(name).help(help);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gaugePoint(double value, String... labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot counterPoint(double value, String... labels) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }
}
