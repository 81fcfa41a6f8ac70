package io.lido.runtime.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A temp folder for a test's site and the {@link RuntimeHarness} the test starts, shut down after each test. */
public abstract class RuntimeTestBase {
    @TempDir
    protected Path dir;
    protected RuntimeHarness harness;

    @AfterEach
    void closeHarness() {
        if (harness != null) {
            harness.close();
        }
    }
}
