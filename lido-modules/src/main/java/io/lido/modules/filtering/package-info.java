/**
 * Request filtering (IIS's RequestFilteringModule): rejects requests by verb, URL length, escaping,
 * sequences, hidden segments, file extensions, query strings and header sizes, with IIS's 404.x
 * sub-statuses, at BeginRequest before any other module or handler sees them.
 */
package io.lido.modules.filtering;
