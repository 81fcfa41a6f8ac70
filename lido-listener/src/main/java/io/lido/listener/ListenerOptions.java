package io.lido.listener;

import io.lido.listener.codec.DecoderLimits;

import java.time.Duration;

/**
 * Listener-wide settings that IIS keeps in the HTTP.sys registry rather than in applicationHost.config.
 *
 * @param decoderLimits     request line, field and head size limits (MaxFieldLength, MaxRequestBytes)
 * @param headerWaitTimeout how long a client may take to send a complete request head once it started
 *                          one (HTTP.sys HeaderWait is 120 s; 30 s is enough for any real client and
 *                          frees slowloris connections four times sooner)
 * @param lingerTimeout     after answering an error with Connection: close, how long unread client
 *                          bytes are drained before the socket is closed, so the answer is not lost
 *                          to a TCP reset
 * @param ioThreads         event-loop threads for connections (0 = one per core: request threads run on these
 *                          loops, and more loops than cores would take turns on a core, holding every
 *                          connection of the waiting loop for a time slice)
 */
public record ListenerOptions(DecoderLimits decoderLimits, Duration headerWaitTimeout, Duration lingerTimeout,
                              int ioThreads) {

    public static final ListenerOptions DEFAULTS =
            new ListenerOptions(DecoderLimits.DEFAULTS, Duration.ofSeconds(30), Duration.ofSeconds(2), 0);

    public ListenerOptions withHeaderWaitTimeout(Duration timeout) {
        return new ListenerOptions(decoderLimits, timeout, lingerTimeout, ioThreads);
    }

    public ListenerOptions withIoThreads(int threads) {
        return new ListenerOptions(decoderLimits, headerWaitTimeout, lingerTimeout, threads);
    }
}
