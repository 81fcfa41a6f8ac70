package io.lido.modules.staticfile;

import io.lido.api.HttpRequest;
import io.lido.ipc.HttpDates;

import java.time.Instant;
import java.util.Optional;

/**
 * Evaluates the preconditions of a GET or HEAD in RFC 9110 §13.2.2 order: If-Match, else
 * If-Unmodified-Since (412 when false); If-None-Match, else If-Modified-Since (304 when false).
 */
final class ConditionalRequest {

    /** What the preconditions decide. */
    enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    private ConditionalRequest() {
    }

    /**
     * @param etag         the representation's strong entity tag
     * @param lastModified the modification time, truncated to whole seconds (HTTP-date precision)
     */
    static Outcome evaluate(HttpRequest request, String etag, Instant lastModified) {
        String ifMatch = request.header("If-Match");
        if (ifMatch != null) {
            if (!EntityTags.matches(ifMatch, etag, false)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            Optional<Instant> since = HttpDates.parse(request.header("If-Unmodified-Since"));
            if (since.isPresent() && lastModified.isAfter(since.get())) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            return EntityTags.matches(ifNoneMatch, etag, true) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        Optional<Instant> since = HttpDates.parse(request.header("If-Modified-Since"));
        if (since.isPresent() && !lastModified.isAfter(since.get())) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a Range may be honoured under If-Range (§13.1.5): absent, a strong tag equal to the
     * current one, or a date equal to Last-Modified. Anything else means "send the whole file".
     */
    static boolean rangeAllowed(HttpRequest request, String etag, Instant lastModified) {
        String ifRange = request.header("If-Range");
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return !value.startsWith("W/") && value.equals(etag);
        }
        return HttpDates.parse(value).map(lastModified::equals).orElse(false);
    }
}
