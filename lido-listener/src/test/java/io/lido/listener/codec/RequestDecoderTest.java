package io.lido.listener.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestDecoderTest {
    private final RequestDecoder decoder = new RequestDecoder(new DecoderLimits(1024, 4096, 20, 64));
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    /** Every message decoded so far, body buffers turned into their text. */
    private List<Object> messages() {
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = channel.readInbound()) != null) {
            if (m instanceof ByteBuf buf) {
                out.add(buf.toString(StandardCharsets.ISO_8859_1));
                buf.release();
            } else {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void decodesAHeadWithItsFieldsAndFraming() {
        send("GET /a?b=c HTTP/1.1\r\nHost: example.com:8080\r\nX-Tab:\t v \t\r\nConnection: keep-alive, close\r\n\r\n");
        List<Object> out = messages();
        assertThat(out).hasSize(2).last().isEqualTo(BodyEnd.INSTANCE);
        ParsedHead head = (ParsedHead) out.get(0);
        assertThat(head.method()).isEqualTo("GET");
        assertThat(head.target()).isEqualTo("/a?b=c");
        assertThat(head.minorVersion()).isEqualTo(1);
        assertThat(head.host()).isEqualTo("example.com:8080");
        assertThat(head.headers().get("x-tab")).isEqualTo("v");
        assertThat(head.keepAlive()).isFalse();
        assertThat(head.contentLength()).isZero();
        assertThat(head.headLength()).isEqualTo(91);
    }

    @Test
    void keepsTheHostNameAndTheFirstUserAgentAndRefererForTheLog() {
        send("GET / HTTP/1.1\r\nHost: WWW.Example.com:8080\r\nuser-agent: wrk\r\nUser-Agent: other\r\n"
                + "Referer: http://a/\r\n\r\n");
        ParsedHead head = (ParsedHead) messages().get(0);
        assertThat(head.hostName()).isEqualTo("www.example.com");
        assertThat(head.userAgent()).isEqualTo("wrk");
        assertThat(head.referer()).isEqualTo("http://a/");
        decoder.resume();
        send("GET / HTTP/1.0\r\n\r\n");
        ParsedHead bare = (ParsedHead) messages().get(0);
        assertThat(bare.hostName()).isEmpty();
        assertThat(bare.userAgent()).isNull();
        assertThat(bare.referer()).isNull();
    }

    @Test
    void aHostValueRememberedAsValidDoesNotLetALaterInvalidOneThrough() {
        send("GET /1 HTTP/1.1\r\nHost: a.example:80\r\n\r\n");
        assertThat(((ParsedHead) messages().get(0)).hostName()).isEqualTo("a.example");
        decoder.resume();
        send("GET /2 HTTP/1.1\r\nHost: a.example:80\r\n\r\n");
        assertThat(((ParsedHead) messages().get(0)).hostName()).isEqualTo("a.example");
        decoder.resume();
        send("GET /3 HTTP/1.1\r\nHost: B.example\r\n\r\n");
        assertThat(((ParsedHead) messages().get(0)).hostName()).isEqualTo("b.example");
        decoder.resume();
        send("GET /4 HTTP/1.1\r\nHost: a.example:80x\r\n\r\n");
        assertThat(messages()).singleElement().isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void http10IsKeptAliveOnlyWhenAsked() {
        send("GET / HTTP/1.0\r\n\r\n");
        assertThat(((ParsedHead) messages().get(0)).keepAlive()).isFalse();
        decoder.resume();
        send("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        assertThat(((ParsedHead) messages().get(0)).keepAlive()).isTrue();
    }

    @Test
    void pipelinedRequestsWaitForResume() {
        send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
        List<Object> first = messages();
        assertThat(first).hasSize(2);
        assertThat(((ParsedHead) first.get(0)).target()).isEqualTo("/1");
        assertThat(decoder.paused()).isTrue();
        assertThat(decoder.bufferedBytes()).isEqualTo(28);
        decoder.resume();
        List<Object> second = messages();
        assertThat(((ParsedHead) second.get(0)).target()).isEqualTo("/2");
        assertThat(second).last().isEqualTo(BodyEnd.INSTANCE);
    }

    @Test
    void aLongHeadWithPipelinedRequestsBehindItIsCopiedInPiecesAndParsed() {
        String fields = ("X-Pad: " + "p".repeat(500) + "\r\n").repeat(6); // 3 KB: the head buffer grows twice
        String next = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n".repeat(100);
        send("GET /long HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n" + next);
        List<Object> first = messages();
        assertThat(((ParsedHead) first.get(0)).target()).isEqualTo("/long");
        assertThat(((ParsedHead) first.get(0)).headers().get("X-Pad")).hasSize(500);
        assertThat(decoder.bufferedBytes()).isEqualTo(next.length());
        decoder.resume();
        assertThat(((ParsedHead) messages().get(0)).target()).isEqualTo("/next");
    }

    @Test
    void pipelinedBytesPastTheBacklogLimitAreReportedAfterTheRead() {
        java.util.concurrent.atomic.AtomicInteger backlog = new java.util.concurrent.atomic.AtomicInteger();
        decoder.backlogLimit(100, backlog::incrementAndGet);
        send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n" + "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n".repeat(3));
        assertThat(backlog).as("84 bytes wait: under the limit").hasValue(0);
        send("GET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(backlog).hasValue(1);
        assertThat(messages()).hasSize(2);
    }

    @Test
    void aRequestInsideABodyIsBodyNotARequest() {
        send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 26\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n");
        List<Object> out = messages();
        assertThat(out).hasSize(3);
        assertThat(out.get(1)).isEqualTo("GET /smuggled HTTP/1.1\r\n\r\n");
        assertThat(out.get(2)).isEqualTo(BodyEnd.INSTANCE);
        decoder.resume();
        assertThat(messages()).isEmpty();
    }

    @Test
    void decodesChunkedBodiesWithExtensionsAndTrailers() {
        send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "5;name=\"v;al\\\"ue\";flag\r\nhello\r\n6\r\n world\r\n000\r\nX-Trailer: t\r\n\r\nGET");
        List<Object> out = messages();
        assertThat(((ParsedHead) out.get(0)).chunked()).isTrue();
        assertThat(out.subList(1, out.size())).containsExactly("hello", " world", BodyEnd.INSTANCE);
        assertThat(decoder.bufferedBytes()).isEqualTo(3);
    }

    @Test
    void decodesARequestSentOneByteAtATime() {
        String request = "\r\nPOST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        List<Object> out = new ArrayList<>();
        for (char c : request.toCharArray()) {
            send(String.valueOf(c));
            out.addAll(messages());
        }
        assertThat(out).hasSize(5);
        assertThat(out.subList(1, 5)).containsExactly("a", "b", "c", BodyEnd.INSTANCE);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRejectedWith413() {
        send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
        messages();
        decoder.bodyLimit(10);
        send("8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
        List<Object> out = messages();
        assertThat(out.get(0)).isEqualTo("12345678");
        assertThat(((Rejection) out.get(out.size() - 1)).status()).isEqualTo(413);
    }

    @Test
    void afterARejectionEverythingIsDiscarded() {
        send("GET / HTTP/1.1\r\nHost: a\r\nX : y\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
        List<Object> out = messages();
        assertThat(out).hasSize(1);
        assertThat(((Rejection) out.get(0)).reason()).isEqualTo("Header");
        send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(messages()).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            request line with two spaces     | GET  / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n                          | 400
            lower-case version               | GET / http/1.1\\r\\nHost: a\\r\\n\\r\\n                           | 400
            HTTP/2.0                          | GET / HTTP/2.0\\r\\nHost: a\\r\\n\\r\\n                           | 505
            HTTP/0.9 version                  | GET / HTTP/0.9\\r\\n\\r\\n                                        | 505
            multi-digit version               | GET / HTTP/1.11\\r\\nHost: a\\r\\n\\r\\n                          | 400
            HTTP/0.9 request                  | GET /\\r\\n\\r\\n                                                 | 400
            NUL in method                     | G\\u0000T / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n                     | 400
            control byte in target            | GET /a\\u0001 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n                   | 400
            bare LF                           | GET / HTTP/1.1\\nHost: a\\r\\n\\r\\n                              | 400
            bare CR                           | GET / HTTP/1.1\\rHost: a\\r\\n\\r\\n                              | 400
            missing Host                      | GET / HTTP/1.1\\r\\n\\r\\n                                        | 400
            two Host fields                   | GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: a\\r\\n\\r\\n              | 400
            Host with userinfo                | GET / HTTP/1.1\\r\\nHost: u@a\\r\\n\\r\\n                         | 400
            Host with a bad port              | GET / HTTP/1.1\\r\\nHost: a:8o\\r\\n\\r\\n                        | 400
            bare IPv6 Host                    | GET / HTTP/1.0\\r\\nHost: 1::2:3\\r\\n\\r\\n                      | 400
            space before colon                | GET / HTTP/1.1\\r\\nHost: a\\r\\nX : y\\r\\n\\r\\n                | 400
            obs-fold                          | GET / HTTP/1.1\\r\\nHost: a\\r\\nX: y\\r\\n z\\r\\n\\r\\n         | 400
            NUL in a value                    | GET / HTTP/1.1\\r\\nHost: a\\r\\nX: y\\u0000\\r\\n\\r\\n          | 400
            non-token name byte               | GET / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length\\u0085: 1\\r\\n\\r\\nx | 400
            CL and TE                         | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | 400
            two different CLs                 | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n | 400
            CL list                           | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1, 1\\r\\n\\r\\n | 400
            signed CL                         | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: +1\\r\\n\\r\\n  | 400
            CL beyond 2^64                    | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 18446744073709551616\\r\\n\\r\\n | 413
            TE gzip                           | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n | 501
            TE not ending in chunked          | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked, gzip\\r\\n\\r\\n | 400
            TE chunked twice                  | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked, chunked\\r\\n\\r\\n | 400
            TE in HTTP/1.0                    | POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n       | 400
            chunk size 0x                     | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0x5\\r\\nhello\\r\\n0\\r\\n\\r\\n | 400
            chunk size with space             | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n 5\\r\\nhello\\r\\n0\\r\\n\\r\\n | 400
            bare semicolon extension          | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;\\r\\nhello\\r\\n0\\r\\n\\r\\n | 400
            unbalanced quote in extension     | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;a="b\\r\\nhello\\r\\n0\\r\\n\\r\\n | 400
            chunk data overrun                | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhelloXX\\r\\n0\\r\\n\\r\\n | 400
            huge chunk size                   | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n10000000000000005\\r\\n | 413
            malformed trailer                 | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nno colon\\r\\n\\r\\n | 400
            request line over the field limit | GET /%s HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n                         | 414
            field over the field limit        | GET / HTTP/1.1\\r\\nHost: a\\r\\nX: %s\\r\\n\\r\\n                | 431
            """)
    void rejects(String what, String escaped, int status) {
        String raw = unescape(escaped).replace("%s", "a".repeat(1100));
        send(raw);
        List<Object> out = messages();
        Object last = out.get(out.size() - 1);
        assertThat(last).as(what).isInstanceOf(Rejection.class);
        assertThat(((Rejection) last).status()).as(what).isEqualTo(status);
    }

    @Test
    void tooManyFieldsAndAnEndlessHeadAreRejectedWith431() {
        send("GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(21) + "\r\n");
        assertThat(((Rejection) messages().get(0)).status()).isEqualTo(431);

        RequestDecoder other = new RequestDecoder(new DecoderLimits(1024, 4096, 20, 64));
        EmbeddedChannel endless = new EmbeddedChannel(other);
        String line = "X: " + "y".repeat(500) + "\r\n";
        endless.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n" + line.repeat(9), StandardCharsets.US_ASCII));
        Rejection r = endless.readInbound();
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.reason()).isEqualTo("RequestLength");
    }

    @Test
    void ignoresEmptyLinesBeforeTheRequestLine() {
        send("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(messages().get(0)).isInstanceOf(ParsedHead.class);
    }

    @Test
    void higherMinorVersionsAreAnsweredAs11AndAbsoluteFormIsKeptRaw() {
        send("GET http://a/x HTTP/1.2\r\nHost: b\r\nExpect: 100-continue\r\n\r\n");
        ParsedHead head = (ParsedHead) messages().get(0);
        assertThat(head.minorVersion()).isEqualTo(1);
        assertThat(head.target()).isEqualTo("http://a/x");
        assertThat(head.expectation()).isEqualTo(ParsedHead.Expectation.CONTINUE);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000").replace("\\u0001", "\u0001")
                .replace("\\u0085", "\u0085");
    }
}
