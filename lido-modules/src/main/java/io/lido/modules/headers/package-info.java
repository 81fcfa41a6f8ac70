/**
 * {@code system.webServer/httpProtocol} (IIS's ProtocolSupportModule): custom response headers added to
 * every response, error responses included, and redirect headers added to 3xx responses.
 */
package io.lido.modules.headers;
