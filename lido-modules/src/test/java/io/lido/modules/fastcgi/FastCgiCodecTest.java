package io.lido.modules.fastcgi;

import io.lido.modules.testing.TestResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FastCGI records Lido writes and reads (FastCGI Specification §3, §5) and the CGI header block (RFC 3875 §6). */
class FastCgiCodecTest {

    @Test
    void nameValuePairsUseOneByteLengthsBelow128AndFourBytesFrom128() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("A", "x".repeat(127));
        params.put("B", "y".repeat(128));
        byte[] encoded = FastCgiWriter.encode(params);
        assertThat(encoded[0]).isEqualTo((byte) 1);
        assertThat(encoded[1]).isEqualTo((byte) 127);
        int second = 2 + 1 + 127;
        assertThat(encoded[second]).isEqualTo((byte) 1);
        assertThat(new byte[]{encoded[second + 1], encoded[second + 2], encoded[second + 3], encoded[second + 4]})
                .containsExactly(0x80, 0, 0, 128);
        assertThat(encoded).hasSize(second + 5 + 1 + 128);
    }

    @Test
    void aLongStdinIsSplitIntoRecordsOfAtMost65535BytesPaddedTo8AndEndsWithAnEmptyOne() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FastCgiWriter writer = new FastCgiWriter(wire);
        byte[] body = new byte[70_000];
        writer.beginRequest(1, true);
        writer.stdin(1, body, 0, body.length);
        writer.endStdin(1);
        writer.flush();
        FastCgiReader reader = new FastCgiReader(new ByteArrayInputStream(wire.toByteArray()));
        assertThat(reader.next()).isTrue();
        assertThat(reader.type()).isEqualTo(FastCgiRecords.BEGIN_REQUEST);
        assertThat(reader.content()[1]).as("role RESPONDER").isEqualTo((byte) 1);
        assertThat(reader.content()[2]).as("FCGI_KEEP_CONN").isEqualTo((byte) 1);
        assertThat(reader.next()).isTrue();
        assertThat(reader.type()).isEqualTo(FastCgiRecords.STDIN);
        assertThat(reader.length()).isEqualTo(65535);
        assertThat(reader.next()).isTrue();
        assertThat(reader.length()).isEqualTo(70_000 - 65535);
        assertThat(reader.next()).isTrue();
        assertThat(reader.length()).as("the end of the stream").isZero();
        assertThat(reader.next()).as("nothing left over").isFalse();
        assertThat(wire.size() % 8).isZero();
    }

    @Test
    void aRecordCutShortIsAnErrorNotTheEndOfTheStream() {
        byte[] cut = {1, 6, 0, 1, 0, 10, 0, 0, 'a', 'b'};
        FastCgiReader reader = new FastCgiReader(new ByteArrayInputStream(cut));
        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class).hasMessageContaining("STDOUT");
        FastCgiReader version2 = new FastCgiReader(new ByteArrayInputStream(new byte[]{2, 6, 0, 1, 0, 0, 0, 0}));
        assertThatThrownBy(version2::next).isInstanceOf(FastCgiProtocolException.class);
    }

    @Test
    void theHeaderBlockMayArriveInPiecesAndSetsStatusHeadersAndTheFirstBodyBytes() throws Exception {
        CgiResponseHead head = new CgiResponseHead();
        assertThat(feed(head, "Status: 404 Not Found\r\nX-A: 1\r")).isFalse();
        assertThat(feed(head, "\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nbody"))
                .isTrue();
        assertThat(new String(head.leftover(), StandardCharsets.ISO_8859_1)).isEqualTo("body");
        TestResponse response = new TestResponse();
        head.applyTo(response);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.header("Connection")).as("hop-by-hop").isNull();
        assertThat(response.contentType()).isEqualTo("text/plain");
    }

    @Test
    void aLocationWithoutStatusIsA302AndLfOnlyLinesAreAccepted() throws Exception {
        CgiResponseHead head = new CgiResponseHead();
        assertThat(feed(head, "Location: /next\n\n")).isTrue();
        TestResponse response = new TestResponse();
        head.applyTo(response);
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/next");

        CgiResponseHead bad = new CgiResponseHead();
        feed(bad, "Status: abc\n\n");
        assertThatThrownBy(() -> bad.applyTo(new TestResponse())).isInstanceOf(FastCgiProtocolException.class)
                .hasMessageContaining("3-digit");
    }

    private static boolean feed(CgiResponseHead head, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return head.feed(bytes, 0, bytes.length);
    }
}
