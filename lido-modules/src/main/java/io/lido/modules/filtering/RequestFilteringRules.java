package io.lido.modules.filtering;

import io.lido.config.ConfigElement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The effective {@code system.webServer/security/requestFiltering} section of one folder, compiled for
 * fast checks: names that IIS compares case-insensitively are lower-cased here once.
 *
 * @param allowDoubleEscaping       {@code allowDoubleEscaping}
 * @param allowHighBitCharacters    {@code allowHighBitCharacters}
 * @param unescapeQueryString       {@code unescapeQueryString}: scan the query string decoded as well
 * @param maxAllowedContentLength   {@code requestLimits/@maxAllowedContentLength}, in bytes
 * @param maxUrl                    {@code requestLimits/@maxUrl}, in characters of the raw path
 * @param maxQueryString            {@code requestLimits/@maxQueryString}, in characters of the raw query
 * @param headerLimits              {@code requestLimits/headerLimits}: lower-case header name → size limit
 * @param hiddenSegments            {@code hiddenSegments}, lower case
 * @param allowUnlistedExtensions   {@code fileExtensions/@allowUnlisted}
 * @param fileExtensions            {@code fileExtensions}: lower-case ".ext" → allowed
 * @param denyUrlSequences          {@code denyUrlSequences}, lower case
 * @param allowUnlistedVerbs        {@code verbs/@allowUnlisted}
 * @param verbs                     {@code verbs}: method (case-sensitive) → allowed
 * @param denyQueryStringSequences  {@code denyQueryStringSequences}, lower case
 * @param alwaysAllowedUrls         {@code alwaysAllowedUrls}, lower case
 * @param alwaysAllowedQueryStrings {@code alwaysAllowedQueryStrings}, as written
 */
public record RequestFilteringRules(
        boolean allowDoubleEscaping,
        boolean allowHighBitCharacters,
        boolean unescapeQueryString,
        long maxAllowedContentLength,
        long maxUrl,
        long maxQueryString,
        Map<String, Long> headerLimits,
        Set<String> hiddenSegments,
        boolean allowUnlistedExtensions,
        Map<String, Boolean> fileExtensions,
        List<String> denyUrlSequences,
        boolean allowUnlistedVerbs,
        Map<String, Boolean> verbs,
        List<String> denyQueryStringSequences,
        Set<String> alwaysAllowedUrls,
        Set<String> alwaysAllowedQueryStrings) {

    /** Binds the section. */
    public static RequestFilteringRules from(ConfigElement section) {
        ConfigElement limits = section.child("requestLimits");
        Map<String, Long> headerLimits = new HashMap<>();
        for (ConfigElement entry : limits.child("headerLimits").collection()) {
            headerLimits.put(lower(entry.attribute("header")), entry.longValue("sizeLimit"));
        }
        ConfigElement extensions = section.child("fileExtensions");
        Map<String, Boolean> fileExtensions = new HashMap<>();
        for (ConfigElement entry : extensions.collection()) {
            fileExtensions.put(lower(entry.attribute("fileExtension")), entry.bool("allowed"));
        }
        ConfigElement verbSection = section.child("verbs");
        Map<String, Boolean> verbs = new HashMap<>();
        for (ConfigElement entry : verbSection.collection()) {
            verbs.put(entry.attribute("verb"), entry.bool("allowed"));
        }
        return new RequestFilteringRules(
                section.bool("allowDoubleEscaping"),
                section.bool("allowHighBitCharacters"),
                section.bool("unescapeQueryString"),
                limits.longValue("maxAllowedContentLength"),
                limits.longValue("maxUrl"),
                limits.longValue("maxQueryString"),
                Map.copyOf(headerLimits),
                Set.copyOf(values(section.child("hiddenSegments"), "segment")),
                extensions.bool("allowUnlisted"),
                Map.copyOf(fileExtensions),
                List.copyOf(new HashSet<>(values(section.child("denyUrlSequences"), "sequence"))),
                verbSection.bool("allowUnlisted"),
                Map.copyOf(verbs),
                List.copyOf(new HashSet<>(values(section.child("denyQueryStringSequences"), "sequence"))),
                Set.copyOf(values(section.child("alwaysAllowedUrls"), "url")),
                Set.copyOf(section.child("alwaysAllowedQueryStrings").collection().stream()
                        .map(e -> e.attribute("queryString")).toList()));
    }

    private static List<String> values(ConfigElement collectionParent, String attribute) {
        List<String> out = new ArrayList<>();
        for (ConfigElement entry : collectionParent.collection()) {
            out.add(lower(entry.attribute(attribute)));
        }
        return out;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
