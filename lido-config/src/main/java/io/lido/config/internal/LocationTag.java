package io.lido.config.internal;

import io.lido.config.SourceLocation;

/**
 * A {@code <location>} element: the path it applies to (normalised: no leading or trailing slash,
 * "." written as "") and the lock it sets on the sections inside it.
 *
 * @param path     normalised target path, relative to the file's level ("Site/app" in applicationHost)
 * @param writtenPath the path attribute as written, for messages
 * @param inheritInChildApplications false when the sections apply to the application of the path
 *                    only, not to applications below it (IIS's {@code inheritInChildApplications})
 */
public record LocationTag(String path, String writtenPath, OverrideMode overrideMode,
                          boolean inheritInChildApplications, SourceLocation source) {

    /** {@code overrideMode}; the legacy {@code allowOverride="false"} means DENY, "true" ALLOW. */
    public enum OverrideMode { INHERIT, ALLOW, DENY }

    /** The element as written, for messages, e.g. {@code <location path="" overrideMode="Deny">}. */
    public String describe() {
        String mode = switch (overrideMode) {
            case INHERIT -> "";
            case ALLOW -> " overrideMode=\"Allow\"";
            case DENY -> " overrideMode=\"Deny\"";
        };
        return "<location path=\"" + writtenPath + "\"" + mode + ">";
    }
}
