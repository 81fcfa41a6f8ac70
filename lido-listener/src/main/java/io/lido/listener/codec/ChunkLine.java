package io.lido.listener.codec;

import io.netty.buffer.ByteBuf;

/**
 * Parses chunk-size lines and checks trailer fields (RFC 9112 §7.1). Strict: the size is 1*HEXDIG
 * with no sign, prefix, separator or whitespace, and extensions follow the grammar
 * {@code *( ";" token [ "=" ( token / quoted-string ) ] )} exactly, because a lenient chunk parser is
 * the classic TE.CL desynchronisation.
 */
final class ChunkLine {
    /** 15 hex digits keep the size below 2^60: no overflow when bodies are summed. */
    private static final int MAX_SIZE_DIGITS = 15;

    private ChunkLine() {
    }

    /** The chunk size of the line {@code [from, from+length)} (without CRLF). */
    static long parse(ByteBuf in, int from, int length) {
        int end = from + length;
        int i = from;
        long size = 0;
        int significant = 0;
        while (i < end && Tokens.isHexDigit(in.getByte(i))) {
            int digit = Tokens.hexValue(in.getByte(i));
            if (significant > 0 || digit != 0) {
                significant++;
            }
            size = (size << 4) | digit;
            i++;
        }
        if (i == from) {
            throw Rejection.badRequest("chunk size is not hexadecimal").toException();
        }
        if (significant > MAX_SIZE_DIGITS) {
            throw Rejection.contentTooLarge("chunk size with more than " + MAX_SIZE_DIGITS + " hex digits")
                    .toException();
        }
        if (i < end) {
            try {
                extensions(in, i, end);
            } catch (Rejection.RejectedException strictFailure) {
                if (!tolerantExtensions(in, i, end)) {
                    throw strictFailure;
                }
            }
        }
        return size;
    }

    /**
     * A second reading for extensions real clients produce with backslashes that are not RFC
     * quoted-pairs (llhttp's "chunk extensions quoting" sample): quotes toggle without escapes, every
     * ';' outside quotes starts a token, every byte is field-content, and quotes must balance. Safe,
     * because the line is already strictly CRLF-framed and extensions are discarded, never forwarded.
     */
    private static boolean tolerantExtensions(ByteBuf in, int from, int end) {
        boolean quoted = false;
        for (int i = from; i < end; i++) {
            byte c = in.getByte(i);
            if (!Tokens.isFieldContent(c)) {
                return false;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ';') {
                if (i + 1 >= end || !Tokens.isTchar(in.getByte(i + 1))) {
                    return false;
                }
            } else if (i == from) {
                return false;
            }
        }
        return !quoted;
    }

    private static void extensions(ByteBuf in, int from, int end) {
        int i = from;
        while (i < end) {
            if (in.getByte(i) != ';') {
                throw Rejection.badRequest("invalid byte 0x%02x after the chunk size".formatted(in.getByte(i) & 0xff))
                        .toException();
            }
            i = token(in, i + 1, end, "chunk extension name");
            if (i < end && in.getByte(i) == '=') {
                i++;
                if (i < end && in.getByte(i) == '"') {
                    i = quotedString(in, i + 1, end);
                } else {
                    i = token(in, i, end, "chunk extension value");
                }
            }
        }
    }

    private static int token(ByteBuf in, int from, int end, String what) {
        int i = from;
        while (i < end && Tokens.isTchar(in.getByte(i))) {
            i++;
        }
        if (i == from) {
            throw Rejection.badRequest("empty or invalid " + what).toException();
        }
        return i;
    }

    /** Returns the index after the closing quote. */
    private static int quotedString(ByteBuf in, int from, int end) {
        int i = from;
        while (i < end) {
            byte c = in.getByte(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i >= end || !Tokens.isFieldContent(in.getByte(i))) {
                    throw Rejection.badRequest("invalid quoted-pair in a chunk extension").toException();
                }
            } else if (!Tokens.isFieldContent(c)) {
                throw Rejection.badRequest("invalid byte 0x%02x in a chunk extension".formatted(c & 0xff))
                        .toException();
            }
            i++;
        }
        throw Rejection.badRequest("unterminated quoted string in a chunk extension").toException();
    }

    /** A trailer field line: token ":" field-value, the same rules as a header field. */
    static void checkTrailerField(ByteBuf in, int from, int length) {
        int end = from + length;
        int i = from;
        while (i < end && Tokens.isTchar(in.getByte(i))) {
            i++;
        }
        if (i == from || i == end || in.getByte(i) != ':') {
            throw Rejection.badRequest("malformed trailer field").toException();
        }
        for (i++; i < end; i++) {
            if (!Tokens.isFieldContent(in.getByte(i))) {
                throw Rejection.badRequest("invalid byte 0x%02x in a trailer field".formatted(in.getByte(i) & 0xff))
                        .toException();
            }
        }
    }
}
