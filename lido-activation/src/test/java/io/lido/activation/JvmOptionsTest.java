package io.lido.activation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JvmOptionsTest {

    @Test
    void splitsLikeAShell() {
        assertThat(JvmOptions.split("  -Xmx256m   -Dname=\"two words\" '-Dq=$HOME \"x\"' -Da=b\\ c  "))
                .containsExactly("-Xmx256m", "-Dname=two words", "-Dq=$HOME \"x\"", "-Da=b c");
        assertThat(JvmOptions.split("")).isEmpty();
        assertThat(JvmOptions.split("-Dx=\"a\\\"b\"")).containsExactly("-Dx=a\"b");
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> JvmOptions.split("-Dx=\"open")).hasMessageContaining("unterminated \"");
        assertThatThrownBy(() -> JvmOptions.split("-Dx='open")).hasMessageContaining("unterminated '");
    }
}
