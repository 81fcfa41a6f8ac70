package io.lido.listener;

import io.lido.config.SiteConfig;
import io.lido.ipc.RequestDispatcher;

/**
 * Finds who executes requests of an application: the in-process runtime or a channel to the worker
 * process of the application's pool. Called on a listener event-loop thread for every routed request,
 * so it must be cheap (a map lookup) and must not block.
 */
@FunctionalInterface
public interface DispatcherResolver {

    /** The dispatcher for an application of a site; never null. */
    RequestDispatcher dispatcher(SiteConfig site, SiteConfig.Application app);
}
