package io.lido.modules.authentication;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The verified-password cache: a bcrypt check is paid once per entry's lifetime, and only for the same hash. */
class VerifiedCredentialsTest {
    private static final String HASH = "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
    private static final byte[] PASSWORD = "U*U".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aSuccessIsCachedForItsUserPasswordAndHashUntilItExpires() {
        UserAndGroupFileTest.MutableClock clock = new UserAndGroupFileTest.MutableClock();
        AtomicInteger checks = new AtomicInteger();
        VerifiedCredentials cache = new VerifiedCredentials(clock, (hash, password) -> {
            checks.incrementAndGet();
            return PasswordHashes.verify(hash, password);
        });
        assertThat(cache.verify("u", PASSWORD, HASH)).isTrue();
        assertThat(cache.verify("u", PASSWORD, HASH)).isTrue();
        assertThat(checks).as("the second request is answered from the cache").hasValue(1);
        assertThat(cache.verify("u", "U*V".getBytes(StandardCharsets.US_ASCII), HASH)).isFalse();
        assertThat(cache.verify("u", "U*V".getBytes(StandardCharsets.US_ASCII), HASH)).isFalse();
        assertThat(checks).as("failures are never cached").hasValue(3);
        assertThat(cache.verify("u", PASSWORD, HASH.replace("E5Y", "E5Z"))).as("another hash: checked again").isFalse();
        assertThat(cache.verify("v", PASSWORD, HASH)).as("another user is another entry").isTrue();
        assertThat(checks).hasValue(5);
        clock.now += VerifiedCredentials.TTL_MILLIS;
        assertThat(cache.verify("u", PASSWORD, HASH)).isTrue();
        assertThat(checks).as("checked again once expired").hasValue(6);
    }
}
