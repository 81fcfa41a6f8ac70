package io.lido.modules.fastcgi;

import java.io.IOException;

/** The FastCGI application broke the protocol (a wrong version, a record for another request, a bad header block). */
final class FastCgiProtocolException extends IOException {
    FastCgiProtocolException(String message) {
        super(message);
    }
}
