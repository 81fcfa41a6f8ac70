package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.TimeSpans;

import java.time.Instant;

/** {@code recycling/periodicRestart}: whether a running worker is due for a recycle, and why (WAS's words). */
final class RecycleRules {
    private RecycleRules() {
    }

    /**
     * @param checkMemory whether to read the worker's memory now (it is sampled, not read every tick)
     * @param scheduled   whether a {@code schedule} time passed since the last check
     * @return the reason, or null when no rule applies
     */
    static String reason(Worker worker, Instant now, ApplicationPoolConfig.Recycling recycling, boolean checkMemory,
                         boolean scheduled) {
        if (!recycling.time().isZero() && !now.isBefore(worker.launchedAt.plus(recycling.time()))) {
            return "the worker process reached its allowed processing time limit ("
                    + TimeSpans.format(recycling.time()) + ")";
        }
        if (scheduled) {
            return "the worker process reached its scheduled recycle time";
        }
        if (checkMemory && recycling.privateMemoryKb() > 0) {
            long rss = worker.process.residentMemoryKb();
            if (rss > recycling.privateMemoryKb()) {
                return "the worker process reached its private bytes limit (" + rss + " KB resident > "
                        + recycling.privateMemoryKb() + " KB)";
            }
        }
        if (checkMemory && recycling.memoryKb() > 0) {
            long virtual = worker.process.virtualMemoryKb();
            if (virtual > recycling.memoryKb()) {
                return "the worker process reached its virtual memory limit (" + virtual + " KB > "
                        + recycling.memoryKb() + " KB)";
            }
        }
        return null;
    }
}
