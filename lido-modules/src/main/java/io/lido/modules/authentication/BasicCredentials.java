package io.lido.modules.authentication;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The user and password of an {@code Authorization: Basic} header (RFC 7617): base64 of
 * {@code user:password}, the user before the first colon. Lido's challenge says {@code charset="UTF-8"}, so
 * both are UTF-8 (a user name that is not valid UTF-8 is refused).
 *
 * @param user     the user name, not empty
 * @param password the password's bytes as sent
 */
record BasicCredentials(String user, byte[] password) {

    /** Whether the header is for the Basic scheme (the scheme name is case-insensitive). */
    static boolean isBasic(String authorization) {
        return authorization != null && authorization.length() > 6
                && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The credentials of a Basic header, or null when the header is malformed. */
    static BasicCredentials parse(String authorization) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).strip());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = -1;
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return null;
        }
        String user;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded, 0, colon));
            user = chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        // RFC 7617 section 2: the user-id cannot hold control characters.
        if (user.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return new BasicCredentials(user, Arrays.copyOfRange(decoded, colon + 1, decoded.length));
    }
}
