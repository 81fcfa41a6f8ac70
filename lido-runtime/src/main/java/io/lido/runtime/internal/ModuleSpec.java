package io.lido.runtime.internal;

import io.lido.api.HttpModule;

import java.util.function.Supplier;

/**
 * One module of an application's pipeline: its name from {@code <modules>} (or the catalog) and how to
 * make a fresh instance for each pooled application instance.
 *
 * @param name               the module name, shown on error pages
 * @param factory            makes a new module instance
 * @param managedHandlerOnly IIS's {@code preCondition="managedHandler"}: the module runs only for requests
 *                           mapped to an application handler, not for static files
 */
record ModuleSpec(String name, Supplier<HttpModule> factory, boolean managedHandlerOnly) {
}
