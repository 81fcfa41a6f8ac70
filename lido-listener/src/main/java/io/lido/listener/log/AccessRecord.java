package io.lido.listener.log;

import java.time.Instant;

/**
 * One completed exchange, with the fields of IIS's default W3C extended log format.
 *
 * @param time            when the response completed
 * @param serverIp        s-ip
 * @param method          cs-method
 * @param uriStem         cs-uri-stem (the path)
 * @param uriQuery        cs-uri-query, or null
 * @param serverPort      s-port
 * @param username        cs-username, or null
 * @param clientIp        c-ip
 * @param userAgent       cs(User-Agent), or null
 * @param referer         cs(Referer), or null
 * @param status          sc-status
 * @param subStatus       sc-substatus
 * @param win32Status     sc-win32-status (0, or 64 when the client went away)
 * @param bytesSent       sc-bytes
 * @param bytesReceived   cs-bytes
 * @param timeTakenMs     time-taken in milliseconds
 * @param host            cs-host, or null
 * @param protocolVersion cs-version, e.g. "HTTP/1.1"
 */
public record AccessRecord(Instant time, String serverIp, String method, String uriStem, String uriQuery,
                           int serverPort, String username, String clientIp, String userAgent, String referer,
                           int status, int subStatus, int win32Status, long bytesSent, long bytesReceived,
                           long timeTakenMs, String host, String protocolVersion) {
}
