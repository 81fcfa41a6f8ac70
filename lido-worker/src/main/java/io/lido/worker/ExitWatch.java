package io.lido.worker;

import io.lido.ipc.frame.FaultCodec;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Tells the host which request calls {@code System.exit}. The JDK (21+) logs every {@code Runtime.exit} through the
 * System.Logger {@code java.lang.Runtime} at DEBUG, on the exiting thread, before the shutdown starts; with no other
 * logging backend that logger is java.util.logging's, so this handler sees the call on the request's own thread,
 * finds its exchange and sends FAULT EXIT on its stream (stream 0 when no request's thread exits) before the JVM
 * goes. {@code Runtime.halt} is not logged by the JDK: the host then decides without this (docs/activation.md).
 */
final class ExitWatch extends Handler {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ExitWatch.class);
    /** Held: java.util.logging keeps loggers weakly, and a collected one would lose its level and handler. */
    private static final Logger RUNTIME = Logger.getLogger("java.lang.Runtime");
    private static final Duration SEND_LIMIT = Duration.ofSeconds(2);
    private static volatile boolean ownExit;

    private final FrameServer server;
    private final FaultReports faults;

    private ExitWatch(FrameServer server, FaultReports faults) {
        this.server = server;
        this.faults = faults;
    }

    /** Watches this JVM's exits for the worker's life. */
    static void install(FrameServer server, FaultReports faults) {
        RUNTIME.setLevel(Level.FINE);
        RUNTIME.setUseParentHandlers(false);
        for (Handler old : RUNTIME.getHandlers()) {
            if (old instanceof ExitWatch) {
                RUNTIME.removeHandler(old); // a worker run before in this JVM (tests)
            }
        }
        RUNTIME.addHandler(new ExitWatch(server, faults));
    }

    /** The worker ends itself (WorkerMain): not the application's doing. */
    static void ownExit() {
        ownExit = true;
    }

    @Override
    public void publish(LogRecord record) {
        if (ownExit || record.getThrown() == null) {
            return;
        }
        // The JDK's record carries Throwable("Runtime.exit(<status>)") for the exiting thread's stack.
        String call = record.getThrown().getMessage();
        String what = call == null ? "System.exit" : call.replace("Runtime.exit", "System.exit");
        WorkerExchange exchange = server.exchangeOn(Thread.currentThread());
        if (exchange == null) {
            LOG.error("The application called {} outside any request (thread {}); the worker exits", what,
                    Thread.currentThread(), record.getThrown());
            faults.send(0, new FaultCodec.Fault(FaultCodec.Kind.EXIT, what + " on thread "
                    + Thread.currentThread().getName()), SEND_LIMIT);
        } else {
            LOG.error("The application called {} in {}; the worker exits", what, exchange.describe(),
                    record.getThrown());
            faults.send(exchange.stream, new FaultCodec.Fault(FaultCodec.Kind.EXIT, what + " in " + exchange.describe()),
                    SEND_LIMIT);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
