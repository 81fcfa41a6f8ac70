/**
 * Lido's built-in modules and handlers, what IIS's native modules are: {@link io.lido.modules.BuiltinModules}
 * is the catalog the runtime puts first in every application's pipeline. Each module reads its effective
 * {@code system.webServer} section through {@link io.lido.runtime.RequestContext#config()} per request
 * and compiles it once per section instance.
 */
package io.lido.modules;
