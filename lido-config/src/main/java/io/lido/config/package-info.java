/**
 * Lido's configuration in the IIS schema: {@code applicationHost.config} (server, pools, sites) and
 * each application's {@code web.config}, merged server → site → application → folder with IIS
 * collection semantics and {@code overrideMode} locking.
 *
 * <p>Entry points: {@link io.lido.config.ConfigLoader#load} for the server file, and
 * {@link io.lido.config.ServerConfig#webConfig} for the effective {@code system.webServer} /
 * {@code system.web} sections at a URL path (cached; an edited web.config is seen within a second).
 *
 * <p>Below the server file lies a built-in level with what IIS ships in its own
 * applicationHost.config (default documents, hidden segments such as {@code bin} and
 * {@code App_Data}, denied extensions such as {@code .config}, plus {@code .jar} and {@code .class}).
 * Unlike IIS, every system.webServer section is unlocked by default, because Lido applications name
 * their handlers and modules in web.config; lock a section with
 * {@code <location path="..." overrideMode="Deny">}; only {@code security/ipSecurity} and
 * {@code security/dynamicIpSecurity} are locked by default, as in IIS. See {@code io.lido.config.internal} for the
 * exact merge order.
 */
package io.lido.config;
