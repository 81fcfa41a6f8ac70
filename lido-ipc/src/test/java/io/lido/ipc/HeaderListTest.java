package io.lido.ipc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderListTest {

    @Test
    void lookupIgnoresTheCaseOfAsciiLettersOnly() {
        HeaderList headers = new HeaderList().add("Content-Type", "text/plain").add("X-A@", "1");

        assertThat(headers.get("content-TYPE")).isEqualTo("text/plain");
        assertThat(headers.get("Content_Type")).isNull();
        // '@' and '`' differ by the case bit but are not letters
        assertThat(headers.get("x-a`")).isNull();
        assertThat(headers.get("Content-Typ")).isNull();
    }

    @Test
    void lookupFoldsNonAsciiNamesAsEqualsIgnoreCaseDoes() {
        HeaderList headers = new HeaderList().add("X-Ünïcode", "1");

        assertThat(headers.get("x-üNÏCODE")).isEqualTo("1");
        assertThat(headers.get("x-unicode")).isNull();
    }

    @Test
    void setRemoveAndGetAllMatchEverySpellingOfTheName() {
        HeaderList headers = new HeaderList().add("Set-Cookie", "a").add("set-cookie", "b").add("Vary", "x");

        assertThat(headers.getAll("SET-COOKIE")).containsExactly("a", "b");
        headers.set("Set-Cookie", "c");
        assertThat(headers.getAll("set-cookie")).containsExactly("c");
        assertThat(headers.remove("SET-cookie")).isTrue();
        assertThat(headers.size()).isEqualTo(1);
        assertThat(headers.contains("vary")).isTrue();
    }

    @Test
    void setReplacesTheFirstFieldInPlaceAndDropsTheLaterOnes() {
        HeaderList headers = new HeaderList().add("A", "1").add("x-b", "2").add("C", "3").add("X-B", "4").add("D", "5");

        headers.set("X-B", "9");

        assertThat(headers.toString()).isEqualTo("A: 1\nX-B: 9\nC: 3\nD: 5\n");
        headers.set("E", "6");
        assertThat(headers.name(4)).isEqualTo("E");
        assertThat(headers.value(4)).isEqualTo("6");
    }

    @Test
    void removeKeepsTheOrderOfTheOtherFields() {
        HeaderList headers = new HeaderList().add("X", "1").add("A", "2").add("x", "3").add("B", "4").add("X", "5");

        assertThat(headers.remove("x")).isTrue();

        assertThat(headers.toString()).isEqualTo("A: 2\nB: 4\n");
        assertThat(headers.remove("x")).isFalse();
        assertThat(headers.size()).isEqualTo(2);
    }
}
