/**
 * The FastCGI handler (IIS's FastCgiModule): requests mapped by {@code <handlers><add modules="FastCgiModule"
 * scriptProcessor="fullPath|arguments"/>} go to a program of {@code system.webServer/fastCgi} (php-cgi), which this
 * package starts and supervises inside the process that hosts the application (the pool's worker, or the host for an
 * in-process pool), so that it runs as the pool's identity.
 *
 * <ul>
 *   <li>{@link io.lido.modules.fastcgi.FastCgiRecords}, {@link io.lido.modules.fastcgi.FastCgiWriter} and
 *   {@link io.lido.modules.fastcgi.FastCgiReader}: the FastCGI 1.0 wire format (fastcgi-archives FastCGI
 *   Specification), written by hand over a blocking Unix domain socket (requests run on virtual threads).</li>
 *   <li>{@link io.lido.modules.fastcgi.CgiVariables}: the CGI/1.1 meta-variables of RFC 3875 sent as PARAMS;
 *   {@link io.lido.modules.fastcgi.CgiResponseHead}: the CGI response header block (RFC 3875 §6).</li>
 *   <li>{@link io.lido.modules.fastcgi.FastCgiProcessPool}: IIS's FastCGI process pool of one application:
 *   instances started on demand up to maxInstances, each serving one request at a time, retired after
 *   instanceMaxRequests (before php-cgi's own PHP_FCGI_MAX_REQUESTS ends it, so no request ever meets a process
 *   that is exiting), replaced when they crash, stopped when idle, requests queued up to queueLength, then 503.4.</li>
 *   <li>{@link io.lido.modules.fastcgi.FastCgiHandler}: maps the request to its script and runs the exchange
 *   ({@link io.lido.modules.fastcgi.FastCgiExchange}).</li>
 * </ul>
 */
package io.lido.modules.fastcgi;
