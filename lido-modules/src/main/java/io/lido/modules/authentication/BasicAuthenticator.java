package io.lido.modules.authentication;

import io.lido.api.GenericPrincipal;
import io.lido.config.ConfigElement;
import io.lido.modules.support.SectionCache;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks Basic credentials against the user file a folder names and gives the user its roles from the group
 * file. One per module catalog (so per host or worker process), shared by every application and pooled module:
 * the settings are compiled once per section, the files are read once and watched, and verified passwords are
 * cached ({@link VerifiedCredentials}). Thread-safe.
 */
public final class BasicAuthenticator {
    /** {@code AUTH_TYPE} of a user Basic authentication logged on. */
    static final String SCHEME = "Basic";

    private final Clock clock;
    private final VerifiedCredentials verified;
    private final SectionCache<BasicAuthenticationSettings> settings = new SectionCache<>(BasicAuthenticationSettings::from);
    private final Map<Path, WatchedFile<UserFile>> users = new ConcurrentHashMap<>();
    private final Map<Path, WatchedFile<GroupFile>> groups = new ConcurrentHashMap<>();

    public BasicAuthenticator(Clock clock) {
        this.clock = clock;
        this.verified = new VerifiedCredentials(clock);
    }

    /** The compiled {@code basicAuthentication} section (a ConfigException for an unusable one). */
    BasicAuthenticationSettings settings(ConfigElement section) {
        return settings.get(section);
    }

    /**
     * The user, or null when the name is unknown or the password wrong.
     *
     * @throws java.io.UncheckedIOException when the user or group file cannot be read or is not trusted
     */
    GenericPrincipal authenticate(BasicAuthenticationSettings settings, BasicCredentials credentials) {
        UserFile file = users.computeIfAbsent(settings.userFile(), p -> new WatchedFile<>(p, UserFile::parse, clock)).get();
        String hash = file.hash(credentials.user());
        if (hash == null) {
            // As long as a known user's check, so that the time of a failure does not tell which names exist.
            PasswordHashes.verify(UnknownUser.HASH, credentials.password());
            return null;
        }
        if (!verified.verify(credentials.user(), credentials.password(), hash)) {
            return null;
        }
        GroupFile roles = settings.groupFile() == null ? GroupFile.EMPTY
                : groups.computeIfAbsent(settings.groupFile(), p -> new WatchedFile<>(p, GroupFile::parse, clock)).get();
        return new GenericPrincipal(credentials.user(), SCHEME, roles.roles(credentials.user()));
    }

    /**
     * A bcrypt hash at htpasswd -B's default cost (5) that no password matches, checked for unknown users; made on
     * first use, so that a process without Basic authentication never loads BouncyCastle.
     */
    private static final class UnknownUser {
        static final String HASH = OpenBSDBCrypt.generate("2y", randomPassword(), randomSalt(), 5);

        private static char[] randomPassword() {
            return java.util.HexFormat.of().formatHex(randomSalt()).toCharArray();
        }

        private static byte[] randomSalt() {
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            return salt;
        }
    }
}
