package io.lido.modules.staticfile;

import io.lido.config.ConfigElement;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The effective {@code system.webServer/staticContent} section of one folder: the MIME map (the
 * configured {@code mimeMap} entries over {@link DefaultMimeTypes}) and the {@code clientCache} policy.
 *
 * @param mimeTypes    lower-case extension with its dot (".html"; "." for files without one) → MIME type
 * @param cacheControl the Cache-Control value, or null to send none
 * @param expires      the Expires value ({@code cacheControlMode="UseExpires"}), or null to send none
 * @param setEtag      {@code clientCache/@setEtag}: whether to send ETag
 */
record StaticContentSettings(Map<String, String> mimeTypes, String cacheControl, String expires, boolean setEtag) {

    static final String SECTION = "system.webServer/staticContent";

    /** Binds the section. */
    static StaticContentSettings from(ConfigElement section) {
        Map<String, String> types = new HashMap<>(DefaultMimeTypes.map());
        for (ConfigElement entry : section.collection()) {
            types.put(entry.attribute("fileExtension").toLowerCase(Locale.ROOT), entry.attribute("mimeType"));
        }
        ConfigElement clientCache = section.child("clientCache");
        String mode = clientCache.attribute("cacheControlMode");
        String expires = mode.equalsIgnoreCase("UseExpires") && !clientCache.attribute("httpExpires").isBlank()
                ? clientCache.attribute("httpExpires").strip() : null;
        return new StaticContentSettings(Map.copyOf(types), cacheControl(clientCache, mode), expires,
                clientCache.bool("setEtag"));
    }

    /** The MIME type for a lower-case extension ("" for a file without one), or null when none is mapped. */
    String mimeType(String extension) {
        return mimeTypes.get(extension.isEmpty() ? "." : extension);
    }

    /** IIS writes cacheControlCustom (e.g. "public") before the directive the mode implies. */
    private static String cacheControl(ConfigElement clientCache, String mode) {
        String directive = switch (mode.toLowerCase(Locale.ROOT)) {
            case "disablecache" -> "no-cache";
            case "usemaxage" -> {
                Duration maxAge = clientCache.duration("cacheControlMaxAge");
                yield "max-age=" + maxAge.toSeconds();
            }
            default -> null; // NoControl, or UseExpires (sent as Expires)
        };
        String custom = clientCache.attribute("cacheControlCustom").strip();
        if (custom.isEmpty()) {
            return directive;
        }
        return directive == null ? custom : custom + ", " + directive;
    }
}
