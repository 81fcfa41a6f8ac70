package io.lido.runtime.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code app_offline.htm} in an application's root takes the application offline (ASP.NET Core module
 * and ASP.NET behaviour): its content is the answer to every request, with status 503.
 */
final class AppOffline {
    static final String FILE_NAME = "app_offline.htm";
    /** Pages above this size are cut: the file is a notice, not content (IIS's ANCM caps it at 1 MB too). */
    static final int MAX_BYTES = 1 << 20;

    private AppOffline() {
    }

    /** The page's bytes when the file is present, or null when the application is online. */
    static byte[] read(Path applicationRoot) {
        Path file = applicationRoot.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            try (InputStream in = Files.newInputStream(file)) {
                return in.readNBytes(MAX_BYTES);
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // Present but unreadable (being written): still offline, with a page that says so.
            return ("<html><body><h1>Application offline</h1><p>" + FILE_NAME + " is present but cannot be read: "
                    + e.getClass().getSimpleName() + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        }
    }
}
