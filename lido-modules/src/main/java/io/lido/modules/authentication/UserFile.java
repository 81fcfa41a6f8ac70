package io.lido.modules.authentication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of an htpasswd file ({@code name:hash} per line, {@code #} comments), as one immutable snapshot.
 * A line whose hash Lido cannot verify is left out with a warning naming the line and why (see
 * {@link PasswordHashes}), so that user cannot log on rather than being checked weakly.
 */
final class UserFile {
    private static final Logger LOG = LoggerFactory.getLogger(UserFile.class);

    private final Map<String, String> hashes;

    private UserFile(Map<String, String> hashes) {
        this.hashes = hashes;
    }

    static UserFile parse(Path file, List<String> lines) {
        Map<String, String> hashes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                LOG.warn("{}:{}: not a user line (name:hash); ignored", file, i + 1);
                continue;
            }
            String name = line.substring(0, colon);
            // Apache's htpasswd may add ":comment" fields after the hash; only the hash counts.
            String rest = line.substring(colon + 1);
            int more = rest.indexOf(':');
            String hash = more >= 0 ? rest.substring(0, more) : rest;
            String reason = PasswordHashes.unsupportedReason(hash);
            if (reason != null) {
                LOG.warn("{}:{}: user {} cannot log on: {}", file, i + 1, name, reason);
                continue;
            }
            if (hashes.putIfAbsent(name, hash) != null) {
                LOG.warn("{}:{}: user {} is listed again; the first line counts", file, i + 1, name);
            }
        }
        return new UserFile(Map.copyOf(hashes));
    }

    /** The user's hash, or null when the file has no usable line for that name (names are case-sensitive). */
    String hash(String user) {
        return hashes.get(user);
    }

    int size() {
        return hashes.size();
    }
}
