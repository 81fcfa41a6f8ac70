/**
 * The application cache ({@link io.lido.api.Cache}, ASP.NET's {@code System.Web.Caching.Cache}): one
 * {@link io.lido.runtime.cache.ApplicationCache} per application domain, with absolute and sliding
 * expiration, a size bound evicting by priority and recency, and file dependencies watched in the
 * background. Configured by {@code system.web/caching/cache} ({@link io.lido.runtime.cache.CacheSettings}).
 */
package io.lido.runtime.cache;
