package io.lido.modules.testing;

import io.lido.api.HttpException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asserts that code ends a request with an {@link HttpException} of a given status and sub-status. */
public final class Rejections {

    private Rejections() {
    }

    public static void assertRejected(ThrowingCallable call, int status, int subStatus) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpException.class, e -> {
            assertThat(e.status()).as("status of \"%s\"", e.getMessage()).isEqualTo(status);
            assertThat(e.subStatus()).as("sub-status of \"%s\"", e.getMessage()).isEqualTo(subStatus);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
