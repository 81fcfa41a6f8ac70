package io.lido.listener.log.w3c;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineBufferTest {

    private static String text(LineBuffer line) {
        return new String(line.array(), 0, line.length(), StandardCharsets.UTF_8);
    }

    private static String value(String raw) {
        return text(new LineBuffer().value(raw));
    }

    private static byte[] valueBytes(String raw) {
        LineBuffer line = new LineBuffer().value(raw);
        return Arrays.copyOf(line.array(), line.length());
    }

    /** What a line held before it was built as bytes: W3cFormat.value's String, encoded by LogFile. */
    private static byte[] expected(String raw) {
        return W3cFormat.value(raw).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyMissingAndLoneDashValues() {
        assertThat(value(null)).isEqualTo("-");
        assertThat(value("")).isEqualTo("-");
        assertThat(value("-")).isEqualTo("%2D");
        assertThat(value("--")).isEqualTo("--");
        assertThat(value("a-b")).isEqualTo("a-b");
    }

    @Test
    void spacesControlsQuotesAndLineSeparators() {
        assertThat(value("Mozilla/5.0 (X11; Linux x86_64)")).isEqualTo("Mozilla/5.0+(X11;+Linux+x86_64)");
        assertThat(value("a\r\nb\tc")).isEqualTo("a%0D%0Ab%09c");
        assertThat(value("say \"hi\"")).isEqualTo("say+%22hi%22");
        assertThat(value("nul\0del\u007f")).isEqualTo("nul%00del%7F");
        assertThat(value("ls\u2028ps\u2029nel\u0085csi\u009b")).isEqualTo("ls%E2%80%A8ps%E2%80%A9nel%C2%85csi%C2%9B");
    }

    @Test
    void nonAsciiLettersAreWrittenAsUtf8() {
        assertThat(valueBytes("/caf\u00e9/\u65e5\u672c/\ud83d\ude00"))
                .isEqualTo("/caf\u00e9/\u65e5\u672c/\ud83d\ude00".getBytes(StandardCharsets.UTF_8));
        assertThat(valueBytes("\u00a0\u07ff\u0800\uffff")).hasSize(2 + 2 + 3 + 3);
    }

    @Test
    void loneSurrogatesBecomeQuestionMarksAsStringEncodingWritesThem() {
        assertThat(value("a\ud83d")).isEqualTo("a?");
        assertThat(value("\ud83d b")).isEqualTo("?+b");
        assertThat(value("\ude00\ud83d\ude00")).isEqualTo("?\ud83d\ude00");
    }

    @Test
    void everyCharAloneAndBetweenLettersMatchesTheStringFormat() {
        for (int code = 0; code <= Character.MAX_VALUE; code++) {
            char c = (char) code;
            String alone = String.valueOf(c);
            String between = "a" + c + "b";
            assertThat(valueBytes(alone)).as("U+%04X", code).isEqualTo(expected(alone));
            assertThat(valueBytes(between)).as("a U+%04X b", code).isEqualTo(expected(between));
        }
    }

    @Test
    void randomMixesOfHostileCharsMatchTheStringFormat() {
        char[] alphabet = "az-/ \"\r\n\t\0\u007f\u0085\u009f\u00a0\u00e9\u2028\u2029\u65e5\ud83d\ude00\uffff".toCharArray();
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String raw = new String(chars);
            assertThat(valueBytes(raw)).as("%s", raw).isEqualTo(expected(raw));
        }
    }

    @Test
    void longValuesGrowTheBufferAndKeepEarlierFields() {
        String escapedTail = "x".repeat(5_000) + "\u2028".repeat(1_000);
        LineBuffer line = new LineBuffer().value("first").ascii(' ').value(escapedTail).ascii(' ').number(7);
        assertThat(text(line)).isEqualTo("first " + W3cFormat.value(escapedTail) + " 7");
        assertThat(line.length()).isEqualTo(6 + 5_000 + 9_000 + 2);
    }

    @Test
    void numbersAreWrittenAsLongToStringWritesThem() {
        long[] numbers = {0, 1, 9, 10, 99, 100, 8080, 999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE,
            -1, -9, -10, -100, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long n : numbers) {
            assertThat(text(new LineBuffer().number(n))).isEqualTo(Long.toString(n));
        }
        long power = 1;
        for (int digits = 1; digits <= 18; digits++, power *= 10) {
            for (long n : new long[] {power - 1, power, power + 1, power * 10 - 1}) {
                assertThat(text(new LineBuffer().number(n))).isEqualTo(Long.toString(n));
            }
        }
    }

    @Test
    void clearKeepsNothingOfThePreviousLine() {
        LineBuffer line = new LineBuffer().value("previous line");
        line.clear().value("next");
        assertThat(text(line)).isEqualTo("next");
    }
}
