package io.lido.listener.log;

import java.time.Instant;

/**
 * A response the listener produced itself (HTTP.sys's httperr log): a parse error, a limit, an unknown
 * host, or a connection dropped.
 *
 * @param time       when it happened
 * @param clientIp   c-ip
 * @param clientPort c-port
 * @param serverIp   s-ip
 * @param serverPort s-port
 * @param protocol   cs-version, or "-" when the request line was not understood
 * @param method     cs-method, or "-"
 * @param url        cs-uri, or "-"
 * @param status     sc-status (0 when the connection was dropped without an answer)
 * @param siteId     s-siteid, or 0 when no site was matched
 * @param reason     s-reason, one HTTP.sys token ({@link HttpSysReasons}): BadRequest, Hostname, URL,
 *                   FieldLength, RequestLength, Verb, Version_N/S, Timer_ConnectionIdle, Connection_Dropped,
 *                   QueueFull, ...; anything after a first space is dropped
 * @param queueName  s-queuename (the application pool), or "-"
 */
public record ListenerError(Instant time, String clientIp, int clientPort, String serverIp, int serverPort,
                            String protocol, String method, String url, int status, long siteId,
                            String reason, String queueName) {

    public ListenerError {
        reason = HttpSysReasons.token(reason);
    }
}
