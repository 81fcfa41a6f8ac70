package io.lido.runtime.internal;

import io.lido.api.HttpHandler;

/** Supplies the handler for one mapped request: the shared instance, or a new one for non-reusable handlers. */
interface HandlerFactory {

    HttpHandler handler();

    /** A factory that always gives the same (reusable) instance. */
    static HandlerFactory of(HttpHandler shared) {
        return () -> shared;
    }
}
