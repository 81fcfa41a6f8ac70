/**
 * HTTP.sys's error log for what the listener answers itself (400, 413, 414, 431, 503, dropped
 * connections): {@link io.lido.listener.log.httperr.HttpErrorLog} writes {@code HTTPERR/httperrN.log} in
 * the W3C-style layout HTTP.sys uses, through the same background queue as the access log.
 */
package io.lido.listener.log.httperr;
