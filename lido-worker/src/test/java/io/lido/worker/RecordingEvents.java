package io.lido.worker;

import io.lido.ipc.link.ExchangeEvents;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a link reports about one exchange, and how often (exactly once is the contract). */
final class RecordingEvents implements ExchangeEvents {
    final CompletableFuture<String> outcome = new CompletableFuture<>();
    final AtomicInteger outcomes = new AtomicInteger();
    volatile boolean started;
    volatile boolean failedAfterStart;
    /** The FAULT the worker sent on this exchange's stream, if any. */
    volatile io.lido.ipc.frame.FaultCodec.Fault fault;

    @Override
    public void faulted(io.lido.ipc.frame.FaultCodec.Fault fault) {
        this.fault = fault;
    }

    @Override
    public void responseStarted() {
        started = true;
    }

    @Override
    public void completed() {
        outcomes.incrementAndGet();
        outcome.complete("completed");
    }

    @Override
    public void failed(String reason, boolean responseStarted) {
        outcomes.incrementAndGet();
        failedAfterStart = responseStarted;
        outcome.complete("failed: " + reason);
    }
}
