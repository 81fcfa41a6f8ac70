package io.lido.modules.authentication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The htpasswd hashes Lido verifies, against hashes made by other implementations (OpenSSL, OpenBSD's vectors). */
class PasswordHashesTest {
    private static final byte[] PASSWORD = "pässword".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {
            // openssl passwd -6 / -5 / -apr1 -salt saltsalt 'pässword'
            "$6$saltsalt$rVIyJtXnL0mXUCLepstXWqeOv9JVyd7nOH8wn0BvOU5lCiAviUJLxXZ5CkPgq6XNTHV22yG4mV0IO9gqPL5WQ.",
            "$5$saltsalt$rQBvFGQx3u6doxkk7cvWbhhnhS2qa1.FI.tt6NGFH66",
            "$apr1$saltsalt$553eXAj/BD3irf9w9nutz/",
    })
    void shaCryptAndApacheMd5(String hash) {
        assertThat(PasswordHashes.unsupportedReason(hash)).isNull();
        byte[] password = PASSWORD.clone();
        assertThat(PasswordHashes.verify(hash, password)).isTrue();
        assertThat(password).as("the caller's array is left as it was").isEqualTo(PASSWORD);
        assertThat(PasswordHashes.verify(hash, "password".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void shaCryptWithRounds() {
        // openssl passwd -6 -salt 'rounds=1000$abc' x
        String hash = "$6$rounds=1000$abc$zaWpAwySRl8PX4W2aEMJwxpN82bCKtDZP0RBdOD6W7BQlilBqAsWnAZuS10iUyJZneS8Ob1gxs1BZkqJi1nTi.";
        assertThat(PasswordHashes.verify(hash, "x".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(PasswordHashes.verify(hash, "y".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2a$", "$2y$", "$2b$"})
    void bcryptInEveryVersionHtpasswdWrites(String version) {
        // OpenBSD's test vector ("U*U", cost 5); $2y$ and $2b$ are the same algorithm as a correct $2a$.
        String hash = version + "05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        assertThat(PasswordHashes.verify(hash, "U*U".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(PasswordHashes.verify(hash, "U*V".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void weakOrUnknownSchemesAreRefusedWithTheReason() {
        assertThat(PasswordHashes.unsupportedReason("{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=")).contains("unsalted");
        assertThat(PasswordHashes.unsupportedReason("plaintext")).contains("plain-text");
        assertThat(PasswordHashes.unsupportedReason("$1$abc$def")).contains("$1$");
        assertThat(PasswordHashes.verify("$2y$05$damaged", "x".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
}
