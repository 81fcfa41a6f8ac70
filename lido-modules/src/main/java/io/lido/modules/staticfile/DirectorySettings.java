package io.lido.modules.staticfile;

import io.lido.config.ConfigElement;
import io.lido.config.WebConfig;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to do for a folder URL: {@code system.webServer/defaultDocument} (enabled, files in order) and
 * {@code system.webServer/directoryBrowse} (enabled, showFlags).
 *
 * @param defaultDocumentEnabled {@code defaultDocument/@enabled}
 * @param defaultDocuments       {@code defaultDocument/files}, in order
 * @param browseEnabled          {@code directoryBrowse/@enabled}
 * @param showFlags              {@code directoryBrowse/@showFlags}
 */
record DirectorySettings(boolean defaultDocumentEnabled, List<String> defaultDocuments,
                         boolean browseEnabled, Set<ShowFlag> showFlags) {

    /** {@code directoryBrowse/@showFlags} values (IIS flags). */
    enum ShowFlag { DATE, TIME, SIZE, EXTENSION, LONGDATE }

    /** IIS's schema default for showFlags. */
    static final String DEFAULT_SHOW_FLAGS = "Date, Time, Size, Extension";

    static DirectorySettings from(WebConfig config) {
        ConfigElement defaultDocument = config.section("system.webServer/defaultDocument");
        List<String> files = new ArrayList<>();
        for (ConfigElement entry : defaultDocument.child("files").collection()) {
            files.add(entry.attribute("value"));
        }
        ConfigElement browse = config.section("system.webServer/directoryBrowse");
        return new DirectorySettings(defaultDocument.bool("enabled"), List.copyOf(files),
                browse.bool("enabled"), showFlags(browse.attribute("showFlags")));
    }

    /**
     * Parses "Date, Time, Size" style flags. Empty means the schema default; "None" means no column.
     * The configuration system validated the names, so an unknown one is a programming error here.
     */
    static Set<ShowFlag> showFlags(String text) {
        String value = text.isBlank() ? DEFAULT_SHOW_FLAGS : text;
        Set<ShowFlag> flags = EnumSet.noneOf(ShowFlag.class);
        for (String part : value.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("NONE")) {
                flags.add(ShowFlag.valueOf(name));
            }
        }
        return Set.copyOf(flags);
    }
}
