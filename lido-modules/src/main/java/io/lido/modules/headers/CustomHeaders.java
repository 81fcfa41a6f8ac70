package io.lido.modules.headers;

import io.lido.config.ConfigElement;

import java.util.ArrayList;
import java.util.List;

/**
 * The effective {@code system.webServer/httpProtocol} headers of one folder (the collections' add,
 * remove and clear are already applied by the configuration system).
 *
 * @param custom         {@code customHeaders}, for every response
 * @param redirect       {@code redirectHeaders}, for redirect (3xx) responses only
 * @param allowKeepAlive {@code allowKeepAlive}: false closes the connection after every response
 */
public record CustomHeaders(List<Header> custom, List<Header> redirect, boolean allowKeepAlive) {

    /** The configuration section. */
    public static final String SECTION = "system.webServer/httpProtocol";

    /** One {@code add name value} entry. */
    public record Header(String name, String value) {
    }

    /** Binds the section. */
    public static CustomHeaders from(ConfigElement section) {
        return new CustomHeaders(headers(section.child("customHeaders")), headers(section.child("redirectHeaders")),
                section.bool("allowKeepAlive"));
    }

    private static List<Header> headers(ConfigElement collectionParent) {
        List<Header> headers = new ArrayList<>();
        for (ConfigElement entry : collectionParent.collection()) {
            headers.add(new Header(entry.attribute("name"), entry.attribute("value")));
        }
        return List.copyOf(headers);
    }
}
