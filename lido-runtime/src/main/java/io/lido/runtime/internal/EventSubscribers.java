package io.lido.runtime.internal;

import io.lido.api.EventHandler;
import io.lido.api.PipelineEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The subscribers of one application instance, compiled once into an array per event (Netty's
 * {@code ChannelHandlerMask} idea): raising an event walks a plain array and never touches a module
 * that did not subscribe to it. Each subscriber keeps the name of who subscribed it (a module name or
 * the Global class) for error pages.
 *
 * <p>An instance has two tables when some module has IIS's {@code preCondition="managedHandler"}: one
 * with every subscriber, for requests mapped to an application handler, and one without those
 * modules, for requests the static file handler serves.
 */
final class EventSubscribers {
    private static final PipelineEvent[] EVENTS = PipelineEvent.values();
    private static final EventHandler[] NO_HANDLERS = new EventHandler[0];
    private static final String[] NO_OWNERS = new String[0];

    private final EventHandler[][] handlers;
    private final String[][] owners;

    private EventSubscribers(EventHandler[][] handlers, String[][] owners) {
        this.handlers = handlers;
        this.owners = owners;
    }

    boolean has(PipelineEvent event) {
        return handlers[event.ordinal()].length > 0;
    }

    /**
     * Calls the subscribers of one event in subscription order; stops at the first that throws.
     *
     * @throws PipelineStepException wrapping what a subscriber threw, with the subscriber's owner
     */
    void raise(PipelineEvent event, RuntimeContext context) {
        EventHandler[] subscribers = handlers[event.ordinal()];
        String[] names = owners[event.ordinal()];
        for (int i = 0; i < subscribers.length; i++) {
            context.currentModule(names[i]);
            try {
                subscribers[i].handle(context);
            } catch (PipelineStepException e) {
                throw e;
            } catch (Throwable t) {
                PipelineStepException.rethrowFatal(t);
                throw new PipelineStepException(event, owners[event.ordinal()][i], t);
            }
        }
    }

    /** Collects subscriptions while an instance initialises. */
    static final class Builder {
        private final List<List<EventHandler>> handlers = new ArrayList<>(EVENTS.length);
        private final List<List<String>> owners = new ArrayList<>(EVENTS.length);
        private final List<List<Boolean>> managedOnly = new ArrayList<>(EVENTS.length);
        private boolean anyManagedOnly;

        Builder() {
            for (int i = 0; i < EVENTS.length; i++) {
                handlers.add(new ArrayList<>(0));
                owners.add(new ArrayList<>(0));
                managedOnly.add(new ArrayList<>(0));
            }
        }

        /** @param onlyForManagedHandlers whether the owner runs only for requests mapped to an application handler */
        void add(PipelineEvent event, String owner, EventHandler handler, boolean onlyForManagedHandlers) {
            handlers.get(event.ordinal()).add(handler);
            owners.get(event.ordinal()).add(owner);
            managedOnly.get(event.ordinal()).add(onlyForManagedHandlers);
            anyManagedOnly |= onlyForManagedHandlers;
        }

        boolean anyManagedOnly() {
            return anyManagedOnly;
        }

        /** The table with every subscriber, or without the managed-handler-only ones. */
        EventSubscribers build(boolean includeManagedOnly) {
            EventHandler[][] h = new EventHandler[EVENTS.length][];
            String[][] o = new String[EVENTS.length][];
            for (int i = 0; i < EVENTS.length; i++) {
                List<EventHandler> hs = new ArrayList<>(handlers.get(i).size());
                List<String> os = new ArrayList<>(handlers.get(i).size());
                for (int j = 0; j < handlers.get(i).size(); j++) {
                    if (includeManagedOnly || !managedOnly.get(i).get(j)) {
                        hs.add(handlers.get(i).get(j));
                        os.add(owners.get(i).get(j));
                    }
                }
                h[i] = hs.isEmpty() ? NO_HANDLERS : hs.toArray(NO_HANDLERS);
                o[i] = os.isEmpty() ? NO_OWNERS : os.toArray(NO_OWNERS);
            }
            return new EventSubscribers(h, o);
        }
    }
}
