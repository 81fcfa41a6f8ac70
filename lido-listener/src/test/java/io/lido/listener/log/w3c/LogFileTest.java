package io.lido.listener.log.w3c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
    @TempDir
    Path folder;

    @Test
    void linesOfEverySizeArriveInOrderAndSizeCountsThem() throws IOException {
        Path path = folder.resolve("W3SVC1/u_ex261121.log");
        List<String> expected = new ArrayList<>(List.of("#Version: 1.0"));
        try (LogFile file = LogFile.open(path, List.of("#Version: 1.0"))) {
            // Lines around and above the 64 KiB buffer, and many small ones crossing its boundary.
            for (int length : new int[] {10, 65_534, 65_535, 65_536, 65_537, 200_000, 0, 3}) {
                byte[] line = "y".repeat(length).getBytes(StandardCharsets.US_ASCII);
                byte[] reused = new byte[length + 5];
                System.arraycopy(line, 0, reused, 0, length);
                file.writeLine(reused, length);
                expected.add("y".repeat(length));
            }
            for (int i = 0; i < 10_000; i++) {
                file.writeLine("line " + i + " caf\u00e9");
                expected.add("line " + i + " caf\u00e9");
            }
            file.flush();
            assertThat(Files.size(path)).isEqualTo(file.size());
        }
        assertThat(Files.readAllLines(path, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void aReopenedFileCountsWhatWasAlreadyThere() throws IOException {
        Path path = folder.resolve("u_extend1.log");
        try (LogFile file = LogFile.open(path, List.of("#Fields: date"))) {
            file.writeLine("2026-11-21");
        }
        try (LogFile file = LogFile.open(path, List.of("#Fields: date"))) {
            file.writeLine("2026-11-22".getBytes(StandardCharsets.US_ASCII), 10);
            assertThat(file.size()).isEqualTo(2 * "#Fields: date\n".length() + 2 * "2026-11-21\n".length());
        }
        assertThat(Files.readAllLines(path)).containsExactly("#Fields: date", "2026-11-21", "#Fields: date",
                "2026-11-22");
    }

    @Test
    void aFileThatCannotBeCreatedIsNamed() throws IOException {
        Path blocked = folder.resolve("W3SVC2");
        Files.writeString(blocked, "a file where the folder should be");
        assertThatThrownBy(() -> LogFile.open(blocked.resolve("u_ex261121.log"), List.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot open log file " + blocked.resolve("u_ex261121.log"));
    }
}
