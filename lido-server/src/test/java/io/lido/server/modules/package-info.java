/**
 * Socket-level tests of the built-in modules (lido-modules) through the real server: static files,
 * default documents and directory listings, request filtering, redirects and custom headers.
 */
package io.lido.server.modules;
