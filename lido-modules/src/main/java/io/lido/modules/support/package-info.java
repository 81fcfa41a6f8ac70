/**
 * Small helpers shared by the built-in modules: HTTP dates, HTML and URL escaping, the per-section
 * cache of compiled configuration, and the mapping of a request to its virtual directory.
 */
package io.lido.modules.support;
