package io.lido.runtime.internal;

import io.lido.api.HttpException;
import io.lido.config.ConfigElement;

/**
 * {@code system.webServer/security/access sslFlags} of the request's folder, checked before BeginRequest as IIS's
 * core does (no module can be left out to skip it): {@code Ssl} answers a plain-http request 403.4 "SSL required",
 * {@code Ssl128} 403.5 "SSL 128 required". Every cipher Lido offers has a key of 128 bits or more, so any https
 * request satisfies Ssl128. Client certificates (SslNegotiateCert, SslRequireCert) are refused by the schema until
 * the listener asks for them.
 */
final class SslAccessCheck {
    static final String SECTION = "system.webServer/security/access";

    private SslAccessCheck() {
    }

    /** @throws HttpException 403.4 or 403.5 when the folder requires TLS and the request came without */
    static void check(ConfigElement access, boolean secure) {
        if (secure) {
            return;
        }
        String flags = access.attribute("sslFlags");
        if (flags.equals("None") || flags.isEmpty()) {
            return;
        }
        for (String flag : flags.split(",")) {
            if (flag.trim().equals("Ssl")) {
                throw new HttpException(403, 4, "SSL required: this folder is served over https only");
            }
        }
        for (String flag : flags.split(",")) {
            if (flag.trim().equals("Ssl128")) {
                throw new HttpException(403, 5, "SSL 128 required: this folder is served over https only");
            }
        }
    }
}
