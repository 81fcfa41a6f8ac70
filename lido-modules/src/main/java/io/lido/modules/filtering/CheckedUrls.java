package io.lido.modules.filtering;

import io.lido.api.HttpRequest;
import io.lido.config.ConfigElement;
import io.lido.modules.support.SectionCache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request-filtering rules of each effective section, with the URLs those rules have already let
 * through. The URL checks (escaping, high-bit characters, denied sequences, hidden segments, extension,
 * alwaysAllowedUrls) depend only on the rules and the raw and decoded path, and a site serves a small
 * set of paths, so remembering a pass saves lower-casing, splitting and scanning the path on every
 * request. Kept per section instance like the compiled rules, so a configuration change starts
 * afresh; each section remembers at most {@value RequestFilter#MAX_CHECKED_URLS} paths. Shared by the
 * pooled module instances; thread-safe.
 */
public final class CheckedUrls {
    private record Section(RequestFilteringRules rules, Map<String, String> passedUrls) {
    }

    private final SectionCache<Section> sections;

    /** Over the shared compiled rules (the static file handler reads the same ones). */
    public CheckedUrls(SectionCache<RequestFilteringRules> rules) {
        this.sections = new SectionCache<>(section -> new Section(rules.get(section), new ConcurrentHashMap<>()));
    }

    /** Applies the section's rules to the request, as {@link RequestFilter#check} does. */
    public void check(ConfigElement section, HttpRequest request) {
        Section compiled = sections.get(section);
        RequestFilter.check(compiled.rules(), request, compiled.passedUrls());
    }
}
