package io.lido.runtime;

import io.lido.api.HttpHandler;
import io.lido.api.HttpModule;

import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * The built-in (server-level) modules and handlers, what IIS's native modules are. The runtime puts the
 * built-in modules first in every application's pipeline, in this order, unless the application's
 * {@code <modules>} removes one by name; application modules follow.
 */
public interface ModuleCatalog {

    /** Built-in module factories by IIS module name (e.g. "RequestFilteringModule"), in pipeline order. */
    SequencedMap<String, Supplier<HttpModule>> modules();

    /**
     * The handler for requests that no {@code <handlers>} entry maps: static files, default documents
     * and directory listings (IIS's "StaticFile" mapping).
     */
    HttpHandler staticFileHandler();
}
