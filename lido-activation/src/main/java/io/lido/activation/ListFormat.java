package io.lido.activation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How a list verb writes its records: appcmd's text ({@code WP "4242" (applicationPool:Shop, state:Running)}),
 * JSON (an array of objects for scripts: {@code [{"type":"WP","name":"4242","applicationPool":"Shop",...}]}), or
 * appcmd's {@code /xml} ({@code <appcmd><WP WP.NAME="4242" applicationPool="Shop" .../></appcmd>}), which
 * appcmd's {@code /in} reads back.
 */
public enum ListFormat {
    TEXT, JSON, XML;

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    /** The format a control command names ({@code text}, {@code json}, {@code xml}). */
    public static ListFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + name + "' (text, json, xml)");
        }
    }

    /** The records, ending with a line break (nothing at all for an empty text list). */
    public String render(List<ListRecord> records) {
        return switch (this) {
            case TEXT -> text(records);
            case JSON -> json(records);
            case XML -> xml(records);
        };
    }

    private static String text(List<ListRecord> records) {
        StringBuilder out = new StringBuilder();
        for (ListRecord record : records) {
            StringJoiner attributes = new StringJoiner(", ", " (", ")");
            for (Map.Entry<String, Object> a : record.attributes().entrySet()) {
                attributes.add(a.getKey() + ":" + a.getValue());
            }
            out.append(record.type()).append(" \"").append(record.name()).append('"');
            if (!record.attributes().isEmpty()) {
                out.append(attributes);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String json(List<ListRecord> records) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (ListRecord record : records) {
                json.writeStartObject();
                json.writeStringField("type", record.type());
                json.writeStringField("name", record.name());
                for (Map.Entry<String, Object> a : record.attributes().entrySet()) {
                    if (a.getValue() instanceof Number number) {
                        json.writeNumberField(a.getKey(), number.longValue());
                    } else {
                        json.writeStringField(a.getKey(), String.valueOf(a.getValue()));
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static String xml(List<ListRecord> records) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<appcmd>\n");
        for (ListRecord record : records) {
            out.append("    <").append(record.type()).append(' ').append(record.type()).append(".NAME=\"")
                    .append(escape(record.name())).append('"');
            for (Map.Entry<String, Object> a : record.attributes().entrySet()) {
                out.append(' ').append(a.getKey()).append("=\"").append(escape(String.valueOf(a.getValue()))).append('"');
            }
            out.append(" />\n");
        }
        return out.append("</appcmd>\n").toString();
    }

    /** XML attribute text: markup, quotes, and the control characters XML 1.0 cannot carry at all. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> out.append(c < 0x20 ? '?' : c);
            }
        }
        return out.toString();
    }
}
