package io.lido.listener;

import io.lido.config.ConfigElement;
import io.lido.config.ServerConfig;
import io.lido.listener.codec.DecoderLimits;

import java.time.Duration;

/**
 * Listener-wide settings: what IIS keeps in the HTTP.sys registry and in {@code system.applicationHost/webLimits}
 * (the HTTP.sys timers of the server session). See {@link #from(ServerConfig)} for how webLimits maps here.
 *
 * @param decoderLimits          request line, field and head size limits (MaxFieldLength, MaxRequestBytes)
 * @param headerWaitTimeout      HTTP.sys HeaderWait: how long a connection may take to send a complete request
 *                               head, counted from its accept (a connection that has sent nothing waits no
 *                               longer than this) or from the first byte of a keep-alive request (HTTP.sys's
 *                               default is 120 s; Lido's 30 s is enough for any real client and frees
 *                               slowloris connections four times sooner)
 * @param lingerTimeout          after answering an error with Connection: close, how long unread client
 *                               bytes are drained before the socket is closed, so the answer is not lost
 *                               to a TCP reset
 * @param ioThreads              event-loop threads for connections (0 = one per core: request threads run on these
 *                               loops, and more loops than cores would take turns on a core, holding every
 *                               connection of the waiting loop for a time slice)
 * @param idleTimeout            webLimits {@code connectionTimeout}, HTTP.sys IdleConnection: the longest a
 *                               keep-alive connection stays open between requests, whatever its site's
 *                               {@code limits/@connectionTimeout} (which applies when shorter)
 * @param minBytesPerSecond      webLimits {@code minBytesPerSecond}, HTTP.sys MinSendRate: a response the client
 *                               reads slower than this, or a request body it sends slower, ends the connection
 *                               (0 = no rate check). The rate is an average with one entity-body timeout of
 *                               slack: a client may fall that far behind, or pause that long after sending ahead
 * @param entityBodyTimeout      Lido's webLimits {@code entityBodyTimeout}, HTTP.sys EntityBody: how long a request
 *                               body may stop arriving (ZERO = the site's {@code limits/@connectionTimeout}, as IIS)
 * @param drainEntityBodyTimeout Lido's webLimits {@code drainEntityBodyTimeout}, HTTP.sys DrainEntityBody: how long
 *                               the unread rest of a body is drained after its response before a keep-alive
 *                               connection reads its next request (ZERO = the site's connectionTimeout)
 * @param uploadReadAheadSize    Lido's webLimits {@code uploadReadAheadSize} (IIS has it in serverRuntime): a request
 *                               body is read into the listener up to this many bytes before the request is
 *                               dispatched, so a body that trickles in holds no worker slot (0 = dispatch at once)
 * @param readAheadBudget        bytes of read-ahead all connections together may hold; past it, requests are
 *                               dispatched with what has arrived, as with uploadReadAheadSize 0
 */
public record ListenerOptions(DecoderLimits decoderLimits, Duration headerWaitTimeout, Duration lingerTimeout,
                              int ioThreads, Duration idleTimeout, long minBytesPerSecond,
                              Duration entityBodyTimeout, Duration drainEntityBodyTimeout, int uploadReadAheadSize,
                              long readAheadBudget) {

    /** Lido's HeaderWait when webLimits leaves {@code headerWaitTimeout} at 0 ("the HTTP.sys default"). */
    public static final Duration DEFAULT_HEADER_WAIT = Duration.ofSeconds(30);
    /** IIS's serverRuntime uploadReadAheadSize default. */
    public static final int DEFAULT_UPLOAD_READ_AHEAD = 49152;
    /** 64 MB: 1,365 connections with a full read-ahead each. */
    public static final long DEFAULT_READ_AHEAD_BUDGET = 64L * 1024 * 1024;

    public static final ListenerOptions DEFAULTS = new ListenerOptions(DecoderLimits.DEFAULTS, DEFAULT_HEADER_WAIT,
            Duration.ofSeconds(2), 0, Duration.ofMinutes(2), 240, Duration.ZERO, Duration.ZERO,
            DEFAULT_UPLOAD_READ_AHEAD, DEFAULT_READ_AHEAD_BUDGET);

    /**
     * The options of a server: {@code system.applicationHost/webLimits} ({@code connectionTimeout},
     * {@code headerWaitTimeout} with 0 meaning Lido's 30 s, {@code minBytesPerSecond},
     * and Lido's {@code entityBodyTimeout}, {@code drainEntityBodyTimeout}, {@code uploadReadAheadSize}).
     */
    public static ListenerOptions from(ServerConfig config) {
        ConfigElement limits = config.section("system.applicationHost/webLimits");
        Duration headerWait = limits.duration("headerWaitTimeout");
        return DEFAULTS.withHeaderWaitTimeout(headerWait.isZero() ? DEFAULT_HEADER_WAIT : headerWait)
                .withIdleTimeout(limits.duration("connectionTimeout"))
                .withMinBytesPerSecond(limits.longValue("minBytesPerSecond"))
                .withEntityBodyTimeouts(limits.duration("entityBodyTimeout"), limits.duration("drainEntityBodyTimeout"))
                .withUploadReadAheadSize(limits.integer("uploadReadAheadSize"));
    }

    public ListenerOptions withHeaderWaitTimeout(Duration timeout) {
        return new ListenerOptions(decoderLimits, timeout, lingerTimeout, ioThreads, idleTimeout, minBytesPerSecond,
                entityBodyTimeout, drainEntityBodyTimeout, uploadReadAheadSize, readAheadBudget);
    }

    public ListenerOptions withIoThreads(int threads) {
        return new ListenerOptions(decoderLimits, headerWaitTimeout, lingerTimeout, threads, idleTimeout,
                minBytesPerSecond, entityBodyTimeout, drainEntityBodyTimeout, uploadReadAheadSize, readAheadBudget);
    }

    public ListenerOptions withIdleTimeout(Duration timeout) {
        return new ListenerOptions(decoderLimits, headerWaitTimeout, lingerTimeout, ioThreads, timeout,
                minBytesPerSecond, entityBodyTimeout, drainEntityBodyTimeout, uploadReadAheadSize, readAheadBudget);
    }

    public ListenerOptions withMinBytesPerSecond(long rate) {
        return new ListenerOptions(decoderLimits, headerWaitTimeout, lingerTimeout, ioThreads, idleTimeout, rate,
                entityBodyTimeout, drainEntityBodyTimeout, uploadReadAheadSize, readAheadBudget);
    }

    public ListenerOptions withEntityBodyTimeouts(Duration entityBody, Duration drainEntityBody) {
        return new ListenerOptions(decoderLimits, headerWaitTimeout, lingerTimeout, ioThreads, idleTimeout,
                minBytesPerSecond, entityBody, drainEntityBody, uploadReadAheadSize, readAheadBudget);
    }

    public ListenerOptions withUploadReadAheadSize(int bytes) {
        return new ListenerOptions(decoderLimits, headerWaitTimeout, lingerTimeout, ioThreads, idleTimeout,
                minBytesPerSecond, entityBodyTimeout, drainEntityBodyTimeout, bytes, readAheadBudget);
    }

    public ListenerOptions withReadAheadBudget(long bytes) {
        return new ListenerOptions(decoderLimits, headerWaitTimeout, lingerTimeout, ioThreads, idleTimeout,
                minBytesPerSecond, entityBodyTimeout, drainEntityBodyTimeout, uploadReadAheadSize, bytes);
    }
}
