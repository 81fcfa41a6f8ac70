package io.lido.runtime;

import io.lido.api.HttpHandler;
import io.lido.api.HttpModule;
import io.lido.config.ConfigElement;

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

    /**
     * The handler of a {@code <handlers>} entry that names a native module instead of a type, e.g.
     * {@code modules="FastCgiModule" scriptProcessor="/usr/bin/php-cgi"}; null when this catalog has none for
     * its {@code modules}. Called when the runtime compiles a handlers section (for an application's root
     * web.config: when it starts), on any thread; the handler serves requests concurrently.
     *
     * @throws IllegalArgumentException saying what is wrong with the entry (the runtime adds its file and line)
     */
    default HttpHandler moduleHandler(ConfigElement entry) {
        return null;
    }

    /** Ends what the catalog's handlers started (FastCGI processes); called once when the process stops serving. */
    default void close() {
    }
}
