package io.lido.runtime.internal;

import io.lido.api.PipelineEvent;
import io.lido.ipc.ExecutingRequest;
import io.lido.ipc.RequestHead;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The client requests executing in this process now, for {@code lido list request} (IIS's "View Current
 * Requests"): every {@link RuntimeContext} is linked into one of a few striped lists while it runs.
 *
 * <p>Cheap enough to stay on: adding and removing a request is one uncontended lock and two links in fields the
 * context already has, with no allocation; stage and module are plain field writes the pipeline makes anyway.
 * A {@link #snapshot} reads those fields from another thread without synchronising with the request's thread,
 * so it may see a stage a moment old: what an operator's view needs, never a torn value (references are atomic).
 */
public final class ExecutingRequests {
    private static final int STRIPES = 16;
    /** IIS's name of each pipeline event ("BEGIN_REQUEST" → "BeginRequest"), computed once. */
    private static final String[] STAGE_NAMES = stageNames();
    /** The stage while the mapped handler runs, as IIS names it. */
    static final String EXECUTE_HANDLER = "ExecuteRequestHandler";

    private static final ExecutingRequests PROCESS = new ExecutingRequests();

    private final Stripe[] stripes = new Stripe[STRIPES];

    private ExecutingRequests() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** This process's registry. */
    static ExecutingRequests process() {
        return PROCESS;
    }

    /** A list head with its lock; the links live in the contexts. */
    private static final class Stripe {
        RuntimeContext first;
    }

    void add(RuntimeContext context) {
        Stripe stripe = stripe(context);
        synchronized (stripe) {
            context.executingNext = stripe.first;
            if (stripe.first != null) {
                stripe.first.executingPrevious = context;
            }
            stripe.first = context;
        }
    }

    void remove(RuntimeContext context) {
        Stripe stripe = stripe(context);
        synchronized (stripe) {
            RuntimeContext previous = context.executingPrevious;
            RuntimeContext next = context.executingNext;
            if (previous == null) {
                if (stripe.first == context) {
                    stripe.first = next;
                }
            } else {
                previous.executingNext = next;
            }
            if (next != null) {
                next.executingPrevious = previous;
            }
            context.executingPrevious = null;
            context.executingNext = null;
        }
    }

    private Stripe stripe(RuntimeContext context) {
        return stripes[(int) (context.head().id() & (STRIPES - 1))];
    }

    /**
     * The requests of this process that have run at least {@code minElapsedMillis}, longest-running first.
     *
     * @param nowMillis the time of the clock the requests were stamped with
     */
    public static List<ExecutingRequest> snapshot(long minElapsedMillis, long nowMillis) {
        List<ExecutingRequest> all = new ArrayList<>();
        for (Stripe stripe : PROCESS.stripes) {
            synchronized (stripe) {
                for (RuntimeContext c = stripe.first; c != null; c = c.executingNext) {
                    long elapsed = Math.max(0, nowMillis - c.timestamp());
                    if (elapsed >= minElapsedMillis) {
                        all.add(describe(c, elapsed));
                    }
                }
            }
        }
        all.sort(Comparator.comparingLong(ExecutingRequest::elapsedMillis).reversed());
        return all;
    }

    private static ExecutingRequest describe(RuntimeContext context, long elapsed) {
        RequestHead head = context.head();
        String module = context.currentModule();
        return new ExecutingRequest(head.id(), head.siteId(), head.applicationPath(), head.method(), head.rawTarget(),
                head.remoteAddress(), elapsed, stageName(context.stage()), module == null ? "" : module);
    }

    /** IIS's name of a stage: an event's, or {@link #EXECUTE_HANDLER}; "BeginRequest" before the first step. */
    static String stageName(Object stage) {
        if (stage instanceof PipelineEvent event) {
            return STAGE_NAMES[event.ordinal()];
        }
        return stage == null ? STAGE_NAMES[0] : stage.toString();
    }

    private static String[] stageNames() {
        PipelineEvent[] events = PipelineEvent.values();
        String[] names = new String[events.length];
        for (PipelineEvent event : events) {
            StringBuilder name = new StringBuilder();
            for (String word : event.name().split("_")) {
                name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
            names[event.ordinal()] = name.toString();
        }
        return names;
    }
}
