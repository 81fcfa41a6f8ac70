/**
 * The HTTP/1.1 request decoder. Lido has its own instead of Netty's {@code HttpServerCodec} because the
 * request parser is the security boundary of a listener that forwards to worker processes, and Netty's
 * decoder is lenient exactly where smuggling lives: it accepts {@code HTTP/0.9}, {@code http/1.1} and
 * {@code HTTP/2.0} request lines, bare-semicolon chunk extensions, waits on {@code \r\r}, does no Host
 * validation, and repairs instead of refusing. Owning the decoder also lets it pause between pipelined
 * requests (one exchange at a time, bytes after a body never looked at early) and avoid the
 * intermediate {@code HttpRequest}/{@code HttpHeaders} objects.
 *
 * <p>{@link io.lido.listener.codec.RequestDecoder} frames the stream; {@code HeadParser} parses a head
 * (RFC 9112 §3, §5); {@code FramingRules} decides the body length and refuses ambiguous framing
 * (§6.1–6.3); {@code ChunkLine} parses chunk lines (§7.1). Every refusal is a
 * {@link io.lido.listener.codec.Rejection} carrying the status and the HTTP.sys reason to log.
 */
package io.lido.listener.codec;
