package io.lido.config;

/**
 * The effective {@code system.webServer} and {@code system.web} configuration for one URL path of a
 * site: the server level, {@code location} elements, the application's {@code web.config} and every
 * folder's {@code web.config} on the way down, merged in that order.
 */
public interface WebConfig {

    /**
     * One section by its path, e.g. {@code "system.webServer/defaultDocument"} or
     * {@code "system.webServer/security/requestFiltering"} or {@code "system.web/httpApplication"}.
     */
    ConfigElement section(String sectionPath);
}
