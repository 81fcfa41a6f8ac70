/**
 * From a decoded request to an application: {@link io.lido.listener.routing.BindingTable} groups the
 * site bindings into sockets, {@link io.lido.listener.routing.Endpoint} picks the site by Host with IIS
 * precedence, {@link io.lido.listener.routing.SiteRoute} the application by longest virtual path, and
 * {@link io.lido.listener.routing.RequestTarget} turns the raw target into a safe decoded path.
 * {@link io.lido.listener.routing.RequestLimits} are the application's requestFiltering limits the
 * listener enforces before dispatching.
 */
package io.lido.listener.routing;
