package io.lido.modules.authentication;

import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;

import java.nio.file.Path;

/**
 * {@code system.webServer/security/authentication/basicAuthentication} of a folder, compiled: whether Basic is
 * on, the realm of its challenge, and Lido's {@code userFile} (an htpasswd file) and optional {@code groupFile}
 * (an htgroup file), both absolute paths — a worker reads them, and a relative path would depend on its
 * folder.
 *
 * @param groupFile null when users have no roles
 */
record BasicAuthenticationSettings(boolean enabled, String realm, Path userFile, Path groupFile) {
    static final String SECTION = "system.webServer/security/authentication/basicAuthentication";

    /** @throws ConfigException naming the element when Basic is on without a user file, or a path is relative */
    static BasicAuthenticationSettings from(ConfigElement section) {
        boolean enabled = section.bool("enabled");
        Path users = path(section, "userFile");
        Path groups = path(section, "groupFile");
        if (enabled && users == null) {
            throw new ConfigException(section.location().orElse(null), "<basicAuthentication enabled=\"true\"> needs"
                    + " attribute \"userFile\": the absolute path of an htpasswd file (htpasswd -B -c FILE USER makes one)");
        }
        return new BasicAuthenticationSettings(enabled, section.attribute("realm"), users, groups);
    }

    private static Path path(ConfigElement section, String attribute) {
        String text = section.attribute(attribute).strip();
        if (text.isEmpty()) {
            return null;
        }
        Path path = Path.of(text);
        if (!path.isAbsolute()) {
            throw new ConfigException(section.location().orElse(null), "<basicAuthentication> attribute \""
                    + attribute + "\": \"" + text + "\" is not an absolute path (the worker process reads it)");
        }
        return path.normalize();
    }

    /** The challenge: {@code Basic realm="..." charset="UTF-8"} (RFC 7617; IIS sends the host name as realm when none is set). */
    String challenge(String host) {
        String shown = realm.isEmpty() ? (host == null ? "" : host) : realm;
        return "Basic realm=\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\", charset=\"UTF-8\"";
    }
}
