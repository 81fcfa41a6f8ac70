/**
 * HTTP redirection (IIS's HttpRedirectionModule, {@code system.webServer/httpRedirect}): redirects
 * requests with 301, 302, 307 or 308 at BeginRequest and completes them, never back to themselves.
 */
package io.lido.modules.redirect;
