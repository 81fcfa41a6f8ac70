package io.lido.modules.fastcgi;

/**
 * FastCGI 1.0 constants (FastCGI Specification §8): every record starts with an 8-byte header
 * {version, type, requestId (u16), contentLength (u16), paddingLength, reserved}.
 */
final class FastCgiRecords {
    static final int VERSION_1 = 1;
    static final int HEADER_LENGTH = 8;
    static final int MAX_CONTENT = 65535;

    static final int BEGIN_REQUEST = 1;
    static final int ABORT_REQUEST = 2;
    static final int END_REQUEST = 3;
    static final int PARAMS = 4;
    static final int STDIN = 5;
    static final int STDOUT = 6;
    static final int STDERR = 7;
    static final int DATA = 8;
    static final int GET_VALUES = 9;
    static final int GET_VALUES_RESULT = 10;
    static final int UNKNOWN_TYPE = 11;

    static final int ROLE_RESPONDER = 1;
    static final int FLAG_KEEP_CONN = 1;

    static final int REQUEST_COMPLETE = 0;
    static final int CANT_MPX_CONN = 1;
    static final int OVERLOADED = 2;
    static final int UNKNOWN_ROLE = 3;

    private FastCgiRecords() {
    }

    /** The name of a record type, for messages. */
    static String typeName(int type) {
        return switch (type) {
            case BEGIN_REQUEST -> "BEGIN_REQUEST";
            case ABORT_REQUEST -> "ABORT_REQUEST";
            case END_REQUEST -> "END_REQUEST";
            case PARAMS -> "PARAMS";
            case STDIN -> "STDIN";
            case STDOUT -> "STDOUT";
            case STDERR -> "STDERR";
            case DATA -> "DATA";
            case GET_VALUES -> "GET_VALUES";
            case GET_VALUES_RESULT -> "GET_VALUES_RESULT";
            case UNKNOWN_TYPE -> "UNKNOWN_TYPE";
            default -> "type " + type;
        };
    }

    /** The meaning of END_REQUEST's protocolStatus, for messages. */
    static String protocolStatusName(int status) {
        return switch (status) {
            case REQUEST_COMPLETE -> "REQUEST_COMPLETE";
            case CANT_MPX_CONN -> "CANT_MPX_CONN";
            case OVERLOADED -> "OVERLOADED";
            case UNKNOWN_ROLE -> "UNKNOWN_ROLE";
            default -> "protocolStatus " + status;
        };
    }
}
