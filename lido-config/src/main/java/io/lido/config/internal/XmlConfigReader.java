package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.SourceLocation;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a configuration file into a tree of {@link XmlElement}s with StAX, recording the line of every
 * element. DTDs and external entities are refused (a configuration file has no use for them, and
 * they are the XXE attack surface), so an entity reference is a well-formedness error.
 */
public final class XmlConfigReader {
    private XmlConfigReader() {
    }

    /** Reads a file; a missing or unreadable file is a ConfigException naming it. */
    public static XmlElement read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, file + ": configuration file not found");
        } catch (IOException e) {
            throw new ConfigException(null, file + ": cannot read configuration file: " + e.getMessage());
        }
    }

    /** Reads a stream; {@code file} is only used in locations and messages. */
    public static XmlElement read(InputStream in, Path file) {
        XMLStreamReader reader = null;
        try {
            // A factory per file: XMLInputFactory is not specified to be thread-safe, and files are few.
            reader = secureFactory().createXMLStreamReader(in);
            return readDocument(reader, file);
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNumber());
            throw new ConfigException(new SourceLocation(file, line),
                    "not well-formed XML: " + cleanMessage(e.getMessage()));
        } finally {
            closeQuietly(reader, file);
        }
    }

    private static XmlElement readDocument(XMLStreamReader reader, Path file) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new ConfigException(
                        new SourceLocation(file, reader.getLocation().getLineNumber()),
                        "a DOCTYPE declaration is not allowed in a configuration file");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new ConfigException(
                        new SourceLocation(file, reader.getLocation().getLineNumber()),
                        "entity reference &" + reader.getLocalName() + "; is not allowed in a configuration file");
                case XMLStreamConstants.START_ELEMENT -> open.push(startElement(reader, file));
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                }
                default -> {
                    // Text, comments and processing instructions carry no configuration.
                }
            }
        }
        if (root == null) {
            throw new ConfigException(new SourceLocation(file, 1), "the file has no root element");
        }
        return root;
    }

    private static Builder startElement(XMLStreamReader reader, Path file) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = reader.getAttributePrefix(i);
            String name = prefix == null || prefix.isEmpty()
                    ? reader.getAttributeLocalName(i)
                    : prefix + ":" + reader.getAttributeLocalName(i);
            attributes.put(name, reader.getAttributeValue(i));
        }
        SourceLocation location = new SourceLocation(file, reader.getLocation().getLineNumber());
        return new Builder(reader.getLocalName(), attributes, location);
    }

    private static String cleanMessage(String message) {
        // StAX prefixes "ParseError at [row,col]:[r,c]\nMessage: "; the location is already in front.
        int marker = message.indexOf("Message: ");
        return marker >= 0 ? message.substring(marker + "Message: ".length()).trim() : message.trim();
    }

    private static void closeQuietly(XMLStreamReader reader, Path file) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException e) {
            throw new ConfigException(null, file + ": cannot close XML reader: " + e.getMessage());
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final SourceLocation location;
        final List<XmlElement> children = new ArrayList<>();

        Builder(String name, Map<String, String> attributes, SourceLocation location) {
            this.name = name;
            this.attributes = attributes;
            this.location = location;
        }

        XmlElement build() {
            return new XmlElement(name, Collections.unmodifiableMap(attributes), List.copyOf(children), location);
        }
    }
}
