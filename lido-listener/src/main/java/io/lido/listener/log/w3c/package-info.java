/**
 * The W3C extended log format as IIS writes it: {@link io.lido.listener.log.w3c.W3cAccessLog}, the
 * per-site access log ({@code W3SVC<siteId>/u_exYYMMDD.log}), and the pieces the httperr log shares with
 * it: value escaping ({@link io.lido.listener.log.w3c.W3cFormat}), an append-only file with its header
 * block ({@link io.lido.listener.log.w3c.LogFile}) and the bounded queue with one background writer
 * thread ({@link io.lido.listener.log.w3c.LogQueue}) that keeps disk I/O off the event loop. The event
 * loop only queues each access record; the writer thread formats it straight into a reused byte buffer
 * and copies that into the file's buffer, so a logged request costs no String and no encoding step.
 */
package io.lido.listener.log.w3c;
