package io.lido.runtime.session;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SessionIdsTest {

    @Test
    void idsAreTwentyFourCharactersOfTheCookieSafeAlphabetAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = SessionIds.create();
            assertThat(id).hasSize(24).matches("[a-z0-5]{24}");
            assertThat(SessionIds.isValid(id)).isTrue();
            seen.add(id);
        }
        assertThat(seen).hasSize(2000);
    }

    @Test
    void everyCharacterOfTheAlphabetOccurs() {
        Set<Character> chars = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            for (char c : SessionIds.create().toCharArray()) {
                chars.add(c);
            }
        }
        assertThat(chars).hasSize(32);
    }

    @Test
    void idsOfAnotherShapeAreRefused() {
        assertThat(SessionIds.isValid(null)).isFalse();
        assertThat(SessionIds.isValid("")).isFalse();
        assertThat(SessionIds.isValid("abcdefghijklmnopqrstuvw")).isFalse();
        assertThat(SessionIds.isValid("abcdefghijklmnopqrstuvwxy")).isFalse();
        assertThat(SessionIds.isValid("abcdefghijklmnopqrstuvw6")).isFalse();
        assertThat(SessionIds.isValid("ABCDEFGHIJKLMNOPQRSTUVWX")).isFalse();
        assertThat(SessionIds.isValid("abcdefghijklmnopqrst;x=1")).isFalse();
        assertThat(SessionIds.isValid("abcdefghijklmnopqrstuvwx")).isTrue();
    }
}
