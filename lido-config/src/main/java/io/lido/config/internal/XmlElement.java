package io.lido.config.internal;

import io.lido.config.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * One element of a configuration file as written, before schema validation: its attributes in
 * document order and where it starts.
 */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children,
                         SourceLocation location) {

    /** A short description for error messages, e.g. {@code <add name="DefaultAppPool">}. */
    public String describe() {
        return ElementDescriptions.describe(name, attributes);
    }
}
