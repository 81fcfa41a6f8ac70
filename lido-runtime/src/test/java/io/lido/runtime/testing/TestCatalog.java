package io.lido.runtime.testing;

import io.lido.api.HttpHandler;
import io.lido.api.HttpModule;
import io.lido.runtime.ModuleCatalog;

import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;

/** A test {@link ModuleCatalog}: modules added by the test, and a static handler that answers "static:" + path. */
public final class TestCatalog implements ModuleCatalog {
    private final SequencedMap<String, Supplier<HttpModule>> modules = new LinkedHashMap<>();
    private HttpHandler staticHandler = context -> {
        context.response().contentType("text/plain");
        context.response().write("static:" + context.request().path());
    };

    public TestCatalog module(String name, Supplier<HttpModule> factory) {
        modules.put(name, factory);
        return this;
    }

    public TestCatalog staticHandler(HttpHandler handler) {
        staticHandler = handler;
        return this;
    }

    @Override
    public SequencedMap<String, Supplier<HttpModule>> modules() {
        return modules;
    }

    @Override
    public HttpHandler staticFileHandler() {
        return staticHandler;
    }
}
