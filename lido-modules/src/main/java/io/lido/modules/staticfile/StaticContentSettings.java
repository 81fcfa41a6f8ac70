package io.lido.modules.staticfile;

import io.lido.config.ConfigElement;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The effective {@code system.webServer/staticContent} section of one folder: the MIME map (the
 * configured {@code mimeMap} entries over {@link DefaultMimeTypes}) and the {@code clientCache}
 * policy as the Cache-Control value to send.
 *
 * @param mimeTypes    lower-case extension with its dot (".html"; "." for files without one) → MIME type
 * @param cacheControl the Cache-Control value, or null when {@code cacheControlMode} is NoControl
 */
record StaticContentSettings(Map<String, String> mimeTypes, String cacheControl) {

    static final String SECTION = "system.webServer/staticContent";

    /** Binds the section. */
    static StaticContentSettings from(ConfigElement section) {
        Map<String, String> types = new HashMap<>(DefaultMimeTypes.map());
        for (ConfigElement entry : section.collection()) {
            types.put(entry.attribute("fileExtension").toLowerCase(Locale.ROOT), entry.attribute("mimeType"));
        }
        return new StaticContentSettings(Map.copyOf(types), cacheControl(section.child("clientCache")));
    }

    /** The MIME type for a lower-case extension ("" for a file without one), or null when none is mapped. */
    String mimeType(String extension) {
        return mimeTypes.get(extension.isEmpty() ? "." : extension);
    }

    private static String cacheControl(ConfigElement clientCache) {
        String mode = clientCache.attribute("cacheControlMode");
        if (mode.equalsIgnoreCase("DisableCache")) {
            return "no-cache";
        }
        if (mode.equalsIgnoreCase("UseMaxAge")) {
            Duration maxAge = clientCache.duration("cacheControlMaxAge");
            return "max-age=" + maxAge.toSeconds();
        }
        // NoControl (the default) sends nothing; UseExpires needs httpExpires, which Lido does not support yet
        return null;
    }
}
