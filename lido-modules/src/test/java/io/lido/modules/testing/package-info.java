/**
 * Test doubles for the built-in modules: a strict configuration element, a request context with an
 * in-memory response, and a site over a temp folder.
 */
package io.lido.modules.testing;
