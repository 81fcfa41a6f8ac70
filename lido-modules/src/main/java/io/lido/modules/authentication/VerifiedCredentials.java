package io.lido.modules.authentication;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Passwords already verified against a hash, so a client that sends the same Basic credentials on every
 * request pays bcrypt's cost once per {@value #TTL_MILLIS} ms rather than every time (Caddy's basicauth
 * spiked CPU at 10-20 requests per second before it added such a cache, caddy#3462).
 *
 * <p>An entry is the HMAC-SHA256, under a random key made when this process starts, of the user, the
 * password and the stored hash: the cache holds no password, an entry cannot be recomputed without the key
 * (which never leaves memory), and a changed hash in the file no longer matches its old entries. Only
 * successes are cached. Bounded to {@value #MAX_ENTRIES} entries (emptied when full). Thread-safe.
 */
final class VerifiedCredentials {
    static final long TTL_MILLIS = 5 * 60 * 1000;
    static final int MAX_ENTRIES = 10_000;

    private final SecretKeySpec key;
    private final Clock clock;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final BiPredicate<String, byte[]> hashes;

    VerifiedCredentials(Clock clock) {
        this(clock, PasswordHashes::verify);
    }

    /** A cache in front of {@code hashes} (hash, password) → whether they match. */
    VerifiedCredentials(Clock clock, BiPredicate<String, byte[]> hashes) {
        this.hashes = hashes;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /** Whether {@code password} matches {@code hash}, from the cache when it was verified lately. */
    boolean verify(String user, byte[] password, String hash) {
        String entry = entry(user, password, hash);
        Long expires = expiries.get(entry);
        long now = clock.millis();
        if (expires != null && expires > now) {
            return true;
        }
        if (!hashes.test(hash, password)) {
            return false;
        }
        if (expiries.size() >= MAX_ENTRIES) {
            expiries.clear();
        }
        expiries.put(entry, now + TTL_MILLIS);
        return true;
    }

    private String entry(String user, byte[] password, String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // Lengths first, so that no two (user, password, hash) triples give the same input.
            byte[] name = user.getBytes(StandardCharsets.UTF_8);
            byte[] stored = hash.getBytes(StandardCharsets.US_ASCII);
            mac.update(lengths(name.length, password.length, stored.length));
            mac.update(name);
            mac.update(password);
            mac.update(stored);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] lengths(int... values) {
        byte[] out = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            out[i * 4] = (byte) (values[i] >>> 24);
            out[i * 4 + 1] = (byte) (values[i] >>> 16);
            out[i * 4 + 2] = (byte) (values[i] >>> 8);
            out[i * 4 + 3] = (byte) values[i];
        }
        return out;
    }
}
