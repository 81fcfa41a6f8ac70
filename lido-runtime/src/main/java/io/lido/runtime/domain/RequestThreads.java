package io.lido.runtime.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Starts the virtual thread of a request on the transport's event loop that owns its connection (see
 * {@code ResponseChannel.requestScheduler()}), or on the JDK's default scheduler.
 *
 * <p>Why: on the default scheduler every request crosses threads twice (event loop to a ForkJoinPool carrier
 * and back with its response), and an idle carrier spins before it parks; on a busy host with few cpus that
 * spin and the hand-offs were a quarter of the CPU of a small request (JFR, one pinned cpu). On the event loop
 * the request is read, run and answered on one thread, as Jetty's execute-what-you-produce does it. A request
 * that blocks (reading its body, a lock, a socket, sleep) unmounts as on any scheduler; one that computes for
 * long, or blocks in a way that pins its carrier (JNI, a class initialiser), holds the other connections of its
 * event loop meanwhile.
 *
 * <p>The JDK (25) has no public API for a virtual thread's scheduler: this uses the constructor of its virtual
 * thread builder that takes one, which needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (bin/lido and
 * worker JVMs have it). Without it, or with {@code -Dlido.requestScheduler=default}, every request thread uses
 * the default scheduler.
 */
final class RequestThreads {
    private static final Logger LOG = LoggerFactory.getLogger(RequestThreads.class);
    private static final ThreadFactory DEFAULT = Thread.ofVirtual().factory();
    private static final MethodHandle BUILDER_FOR_SCHEDULER = builderForScheduler();
    /**
     * The factory of the last scheduler seen by this thread: requests are dispatched by the event loop that
     * schedules them, so the lookup is a field read, and a factory dies with its event loop's thread.
     */
    private static final ThreadLocal<SchedulerFactory> LAST = new ThreadLocal<>();

    private record SchedulerFactory(Executor scheduler, ThreadFactory factory) {
    }

    private RequestThreads() {
    }

    /** An unstarted virtual thread for {@code task}, scheduled on {@code scheduler} when it is not null. */
    static Thread newThread(Executor scheduler, Runnable task) {
        return factoryFor(scheduler).newThread(task);
    }

    /** Whether request threads can run on a scheduler of Lido's choosing in this JVM. */
    static boolean schedulerChoiceAvailable() {
        return BUILDER_FOR_SCHEDULER != null;
    }

    private static ThreadFactory factoryFor(Executor scheduler) {
        if (scheduler == null || BUILDER_FOR_SCHEDULER == null) {
            return DEFAULT;
        }
        SchedulerFactory last = LAST.get();
        if (last == null || last.scheduler() != scheduler) {
            last = new SchedulerFactory(scheduler, builder(scheduler).factory());
            LAST.set(last);
        }
        return last.factory();
    }

    private static Thread.Builder.OfVirtual builder(Executor scheduler) {
        try {
            return (Thread.Builder.OfVirtual) BUILDER_FOR_SCHEDULER.invoke(scheduler);
        } catch (Throwable e) {
            // The constructor was found and is accessible: it fails only if the JDK changed under us.
            throw new IllegalStateException("cannot create a virtual thread builder with a scheduler", e);
        }
    }

    private static MethodHandle builderForScheduler() {
        String choice = System.getProperty("lido.requestScheduler", "eventLoop");
        if (choice.equals("default")) {
            LOG.info("Request threads use the JDK's default virtual thread scheduler (-Dlido.requestScheduler=default)");
            return null;
        }
        if (!choice.equals("eventLoop")) {
            LOG.warn("-Dlido.requestScheduler={}: unknown value (eventLoop or default); using eventLoop", choice);
        }
        try {
            Class<?> builderClass = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(builderClass, MethodHandles.lookup());
            return lookup.findConstructor(builderClass, MethodType.methodType(void.class, Executor.class))
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("Request threads use the JDK's default virtual thread scheduler: this JVM does not let Lido "
                    + "choose one ({}; bin/lido passes --add-opens java.base/java.lang=ALL-UNNAMED)", e.toString());
            return null;
        }
    }
}
