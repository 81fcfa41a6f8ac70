/**
 * Lido's configuration in the IIS schema: {@code applicationHost.config} (server, pools, sites) and
 * each application's {@code web.config}, merged server → site → application → folder with IIS
 * collection semantics and {@code overrideMode} locking.
 *
 * <p>Entry points: {@link io.lido.config.ConfigLoader#load} for the server file, and
 * {@link io.lido.config.ServerConfig#webConfig} for the effective {@code system.webServer} /
 * {@code system.web} sections at a URL path.
 */
package io.lido.config;
