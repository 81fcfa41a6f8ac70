package io.lido.runtime.internal;

import io.lido.config.ConfigElement;

import java.util.ArrayList;
import java.util.List;

/**
 * The effective {@code system.webServer/httpErrors} section of a request, read only when a request ends
 * with an error status.
 *
 * @param errorMode          DetailedLocalOnly (IIS default), Detailed or Custom
 * @param existingResponse   Auto (keep a body the application wrote), Replace or PassThrough
 * @param defaultResponseMode how {@code defaultPath} is served
 * @param defaultPath        the page for statuses without an {@code <error>} entry, or ""
 * @param errors             the {@code <error>} entries, in order
 */
record HttpErrorsSettings(String errorMode, String existingResponse, String defaultResponseMode, String defaultPath,
                          List<CustomError> errors) {

    /** Settings when no configuration can be read (IIS's defaults). */
    static final HttpErrorsSettings DEFAULTS = new HttpErrorsSettings("DetailedLocalOnly", "Auto", "File", "", List.of());

    /**
     * One {@code <error statusCode subStatusCode path responseMode>} entry.
     *
     * @param subStatusCode -1 matches every sub-status
     */
    record CustomError(int statusCode, int subStatusCode, String path, String responseMode) {
    }

    static HttpErrorsSettings read(ConfigElement section) {
        List<CustomError> errors = new ArrayList<>();
        for (ConfigElement error : section.collection()) {
            errors.add(new CustomError(error.integer("statusCode"), error.integer("subStatusCode"),
                    error.attribute("path"), error.attribute("responseMode")));
        }
        return new HttpErrorsSettings(section.attribute("errorMode"), section.attribute("existingResponse"),
                section.attribute("defaultResponseMode"), section.attribute("defaultPath"), List.copyOf(errors));
    }

    /** Whether the detailed page applies to a request from a local or remote client. */
    boolean detailedFor(boolean local) {
        return errorMode.equalsIgnoreCase("Detailed") || (errorMode.equalsIgnoreCase("DetailedLocalOnly") && local);
    }

    boolean passThrough() {
        return existingResponse.equalsIgnoreCase("PassThrough");
    }

    boolean replace() {
        return existingResponse.equalsIgnoreCase("Replace");
    }

    /**
     * The custom page for a status: an entry with the exact sub-status first, then one for any sub-status,
     * then {@code defaultPath}; null when there is none.
     */
    CustomError find(int status, int subStatus) {
        CustomError any = null;
        for (CustomError error : errors) {
            if (error.statusCode() == status) {
                if (error.subStatusCode() == subStatus) {
                    return error;
                }
                if (error.subStatusCode() == -1 && any == null) {
                    any = error;
                }
            }
        }
        if (any != null) {
            return any;
        }
        return defaultPath.isEmpty() ? null : new CustomError(status, -1, defaultPath, defaultResponseMode);
    }
}
