package io.lido.listener.codec;

/**
 * Listener-wide request head limits, named after the HTTP.sys registry values they mirror.
 *
 * @param maxFieldLength     longest request line or field line in bytes (HTTP.sys MaxFieldLength,
 *                           16 KB): a longer request line is answered 414, a longer field 431
 * @param maxRequestBytes    the whole head in bytes (HTTP.sys MaxRequestBytes): 431 beyond it; also
 *                           bounds the trailer section of a chunked body
 * @param maxHeaderCount     number of field lines: 431 beyond it
 * @param maxChunkLineLength a chunk-size line with its extensions: 400 beyond it
 */
public record DecoderLimits(int maxFieldLength, int maxRequestBytes, int maxHeaderCount, int maxChunkLineLength) {

    /** 16 KB per line, 64 KB per head, 128 fields, 4 KB chunk lines. */
    public static final DecoderLimits DEFAULTS = new DecoderLimits(16 * 1024, 64 * 1024, 128, 4096);

    public DecoderLimits {
        if (maxFieldLength < 64 || maxRequestBytes < maxFieldLength || maxHeaderCount < 1 || maxChunkLineLength < 16) {
            throw new IllegalArgumentException("inconsistent decoder limits: " + maxFieldLength + "/"
                    + maxRequestBytes + "/" + maxHeaderCount + "/" + maxChunkLineLength);
        }
    }
}
