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
}
