package io.lido.modules.fastcgi;

/** What a request whose script wrote to FCGI_STDERR answers ({@code stderrMode}; IIS 7.5). */
enum StderrMode {
    /** 500 with the STDERR text as the body (IIS 7.0's behaviour, the default). */
    RETURN_STDERR_IN_500,
    /** A generic 500: the STDERR text goes only to the log. */
    RETURN_GENERIC_500,
    /** STDERR goes to the log; the response is the script's STDOUT. */
    IGNORE_AND_RETURN_200,
    /** The process is terminated and the request gets a generic 500. */
    TERMINATE_PROCESS;

    static StderrMode of(String attribute) {
        return switch (attribute) {
            case "ReturnGeneric500" -> RETURN_GENERIC_500;
            case "IgnoreAndReturn200" -> IGNORE_AND_RETURN_200;
            case "TerminateProcess" -> TERMINATE_PROCESS;
            default -> RETURN_STDERR_IN_500;
        };
    }
}
