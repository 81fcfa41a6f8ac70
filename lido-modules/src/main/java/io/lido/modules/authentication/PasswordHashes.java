package io.lido.modules.authentication;

import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The password hashes of an htpasswd file Lido verifies: bcrypt ({@code $2y$}, {@code $2a$}, {@code $2b$},
 * htpasswd {@code -B}), SHA-256 and SHA-512 crypt ({@code $5$}, {@code $6$}, htpasswd {@code -2}/{@code -5} or
 * {@code mkpasswd}) and Apache's MD5 ({@code $apr1$}, htpasswd's default). Unsalted and plain-text entries
 * ({@code {SHA}}, crypt(3) DES, clear text) are refused: they give an attacker who reads the file the
 * passwords at once.
 */
final class PasswordHashes {
    private PasswordHashes() {
    }

    /** Why Lido cannot verify {@code hash}, or null when it can. */
    static String unsupportedReason(String hash) {
        if (hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$")
                || hash.startsWith("$5$") || hash.startsWith("$6$") || hash.startsWith("$apr1$")) {
            return null;
        }
        if (hash.startsWith("{SHA}")) {
            return "{SHA} hashes are unsalted SHA-1 (use htpasswd -B)";
        }
        if (hash.startsWith("$")) {
            return "the hash scheme " + hash.substring(0, Math.max(1, hash.indexOf('$', 1) + 1))
                    + " is not one Lido verifies (bcrypt $2y$, SHA-crypt $5$/$6$, $apr1$)";
        }
        return "crypt(3) DES and plain-text passwords are refused (use htpasswd -B)";
    }

    /** Whether {@code password} (UTF-8 bytes) matches {@code hash}; the caller's array is not changed. */
    static boolean verify(String hash, byte[] password) {
        try {
            if (hash.startsWith("$2")) {
                // htpasswd and OpenBSD use only the first 72 bytes; BouncyCastle refuses longer passwords.
                byte[] used = password.length > 72 ? Arrays.copyOf(password, 72) : password.clone();
                return OpenBSDBCrypt.checkPassword(hash, used);
            }
            // Sha2Crypt and Md5Crypt clear the key array they are given: pass a copy.
            String computed;
            if (hash.startsWith("$5$")) {
                computed = Sha2Crypt.sha256Crypt(password.clone(), hash);
            } else if (hash.startsWith("$6$")) {
                computed = Sha2Crypt.sha512Crypt(password.clone(), hash);
            } else if (hash.startsWith("$apr1$")) {
                computed = Md5Crypt.apr1Crypt(password.clone(), hash);
            } else {
                return false;
            }
            return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                    hash.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | DataLengthException malformed) {
            // A damaged hash in the file matches no password.
            return false;
        }
    }
}
