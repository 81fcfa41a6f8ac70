package io.lido.server;

import io.lido.activation.TrustedFolder;
import io.lido.config.ConfigElement;
import io.lido.config.ServerConfig;

import java.nio.file.Path;

/**
 * The folders the listener writes self-signed certificates into ({@code createSelfSigned="true"} entries of
 * {@code sslCertificates}, the default configuration's {@code work/tls/}): made or checked before the listener
 * starts, as folders only Lido's user can enter (mode 700), so that nobody can read the key or put a link where
 * root writes it.
 */
final class SelfSignedFolders {
    private SelfSignedFolders() {
    }

    static void secure(ServerConfig config) {
        Path folder = config.file().toAbsolutePath().getParent();
        for (ConfigElement add : config.section("system.applicationHost/sslCertificates").collection()) {
            // An entry without a certificateFile is refused with its line when the listener reads the store.
            if (add.bool("createSelfSigned") && !add.attribute("certificateFile").isBlank()) {
                secure(folder.resolve(add.attribute("certificateFile").trim()).normalize().getParent());
                String key = add.attribute("keyFile").trim();
                if (!key.isEmpty()) {
                    secure(folder.resolve(key).normalize().getParent());
                }
            }
        }
    }

    private static void secure(Path folder) {
        TrustedFolder.ensure(folder, TrustedFolder.OWNER_ONLY);
    }
}
