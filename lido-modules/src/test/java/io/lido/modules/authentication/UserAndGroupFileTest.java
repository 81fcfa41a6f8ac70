package io.lido.modules.authentication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** htpasswd and htgroup files: what is kept, what is left out, and when a changed file is read again. */
class UserAndGroupFileTest {
    private static final String APR1 = "$apr1$saltsalt$553eXAj/BD3irf9w9nutz/";

    @TempDir
    Path dir;

    @Test
    void usableLinesAreKeptAndWeakOnesLeftOut() {
        UserFile users = UserFile.parse(Path.of("users"), List.of("# comment", "", "alice:" + APR1 + ":Alice A.",
                "bob:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", "carol:plain", "alice:$5$x$y", "no-colon"));
        assertThat(users.hash("alice")).isEqualTo(APR1);
        assertThat(users.hash("Alice")).as("names are case-sensitive, as Apache's").isNull();
        assertThat(users.hash("bob")).isNull();
        assertThat(users.hash("carol")).isNull();
        assertThat(users.size()).isEqualTo(1);
    }

    @Test
    void groupsBecomeRolesAcrossLines() {
        GroupFile groups = GroupFile.parse(Path.of("groups"), List.of("staff: alice bob", "admins:alice", "staff: carol",
                "# staff: mallory"));
        assertThat(groups.roles("alice")).containsExactly("staff", "admins");
        assertThat(groups.roles("carol")).containsExactly("staff");
        assertThat(groups.roles("mallory")).isEmpty();
    }

    @Test
    void aChangedFileIsReadAgainAfterTheRecheckPeriod() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "alice:" + APR1 + "\n");
        MutableClock clock = new MutableClock();
        WatchedFile<UserFile> watched = new WatchedFile<>(file, UserFile::parse, clock);
        assertThat(watched.get().hash("alice")).isEqualTo(APR1);
        Files.writeString(file, "bob:" + APR1 + "\nalice:" + APR1 + "\n");
        assertThat(watched.get().hash("bob")).as("within the period: the snapshot").isNull();
        clock.now += WatchedFile.RECHECK_MILLIS;
        assertThat(watched.get().hash("bob")).isEqualTo(APR1);
        Files.delete(file);
        clock.now += WatchedFile.RECHECK_MILLIS;
        assertThatThrownBy(watched::get).isInstanceOf(UncheckedIOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aFileOthersMayWriteIsNotTrusted() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "alice:" + APR1 + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        WatchedFile<UserFile> watched = new WatchedFile<>(file, UserFile::parse, new MutableClock());
        assertThatThrownBy(watched::get).hasMessageContaining("may be written by its group or by others");
        assertThatThrownBy(() -> new WatchedFile<>(dir, UserFile::parse, new MutableClock()).get())
                .hasMessageContaining("not a regular file");
    }

    static final class MutableClock extends Clock {
        long now = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public long millis() {
            return now;
        }
    }
}
