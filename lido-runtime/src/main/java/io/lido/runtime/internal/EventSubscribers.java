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

    EventHandler[] handlers(PipelineEvent event) {
        return handlers[event.ordinal()];
    }

    String[] owners(PipelineEvent event) {
        return owners[event.ordinal()];
    }

    int count(PipelineEvent event) {
        return handlers[event.ordinal()].length;
    }

    /** Collects subscriptions while an instance initialises. */
    static final class Builder {
        private final List<List<EventHandler>> handlers = new ArrayList<>(EVENTS.length);
        private final List<List<String>> owners = new ArrayList<>(EVENTS.length);

        Builder() {
            for (int i = 0; i < EVENTS.length; i++) {
                handlers.add(new ArrayList<>(0));
                owners.add(new ArrayList<>(0));
            }
        }

        void add(PipelineEvent event, String owner, EventHandler handler) {
            handlers.get(event.ordinal()).add(handler);
            owners.get(event.ordinal()).add(owner);
        }

        EventSubscribers build() {
            EventHandler[][] h = new EventHandler[EVENTS.length][];
            String[][] o = new String[EVENTS.length][];
            for (int i = 0; i < EVENTS.length; i++) {
                h[i] = handlers.get(i).isEmpty() ? NO_HANDLERS : handlers.get(i).toArray(NO_HANDLERS);
                o[i] = owners.get(i).isEmpty() ? NO_OWNERS : owners.get(i).toArray(NO_OWNERS);
            }
            return new EventSubscribers(h, o);
        }
    }
}
