/**
 * Product tests: the real server ({@link io.lido.server.LidoTestServer}, in-process, ephemeral port) driven
 * over raw sockets — access and error logs, malformed and smuggling requests, path traversal against a
 * canary file, limits, connection handling — and the external conformance kit.
 */
package io.lido.server.it;
