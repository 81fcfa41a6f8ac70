package io.lido.runtime.domain;

import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Describes why a web application's deployment failed in terms of the files the administrator deployed: a
 * broken {@code WEB-INF/web.xml} is reported with its line and column at its deployed path (the folder or the
 * {@code .war}), not at the shadow copy Jetty parsed, which nobody edits.
 */
final class DeploymentErrors {
    private static final String WEB_XML = "WEB-INF/web.xml";

    private DeploymentErrors() {
    }

    /**
     * The location and message of the first XML parse error in {@code failure}'s causes, or null if there is none.
     *
     * @param root   the application's deployed root (a folder with WEB-INF/ or a .war file)
     * @param shadow the folder the deployment was unpacked into and parsed from
     */
    static String describe(Throwable failure, Path root, Path shadow) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SAXParseException parse) {
                if (parse.getSystemId() == null) {
                    // Jetty parses descriptors from a stream: find the file by parsing the main descriptor again.
                    SAXParseException again = webXmlError(shadow);
                    return again == null ? null : deployedFile(shadow.resolve(WEB_XML), root, shadow) + ":"
                            + again.getLineNumber() + ":" + again.getColumnNumber() + ": " + again.getMessage();
                }
                return deployedFile(parsedPath(parse.getSystemId()), root, shadow) + ":" + parse.getLineNumber() + ":"
                        + parse.getColumnNumber() + ": " + parse.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** The parse error of the shadow copy's WEB-INF/web.xml, or null if it is well-formed (or absent). */
    private static SAXParseException webXmlError(Path shadow) {
        Path webXml = shadow == null ? null : shadow.resolve(WEB_XML);
        if (webXml == null || !Files.isRegularFile(webXml, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(webXml.toFile(), new DefaultHandler());
            return null;
        } catch (SAXParseException e) {
            return e;
        } catch (Exception e) {
            return null;
        }
    }

    private static String deployedFile(Path parsed, Path root, Path shadow) {
        if (parsed == null || shadow == null || !parsed.startsWith(shadow)) {
            return parsed == null ? "a descriptor" : parsed.toString();
        }
        String entry = shadow.relativize(parsed).toString();
        return Files.isDirectory(root) ? root.resolve(entry).toString() : root + "!/" + entry;
    }

    private static Path parsedPath(String systemId) {
        if (systemId == null) {
            return null;
        }
        try {
            URI uri = URI.create(systemId);
            return "file".equals(uri.getScheme()) ? Path.of(uri).normalize() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
