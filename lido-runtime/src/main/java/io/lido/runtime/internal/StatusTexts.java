package io.lido.runtime.internal;

import java.util.Map;

/** Reason phrases (RFC 9110 §15) and the one-line explanations IIS shows on its error pages. */
final class StatusTexts {
    private record Text(String reason, String description) {
    }

    private static final Map<Integer, Text> TEXTS = Map.ofEntries(
            Map.entry(400, new Text("Bad Request", "The request could not be understood by the server.")),
            Map.entry(401, new Text("Unauthorized", "You do not have permission to view this resource with the credentials you supplied.")),
            Map.entry(403, new Text("Forbidden", "You do not have permission to view this directory or page.")),
            Map.entry(404, new Text("Not Found", "The resource you are looking for has been removed, had its name changed, or is temporarily unavailable.")),
            Map.entry(405, new Text("Method Not Allowed", "The page you are looking for cannot be displayed because the request method is not allowed for it.")),
            Map.entry(406, new Text("Not Acceptable", "The resource cannot be displayed in a format the client accepts.")),
            Map.entry(408, new Text("Request Timeout", "The server timed out waiting for the request.")),
            Map.entry(409, new Text("Conflict", "The request conflicts with the current state of the resource.")),
            Map.entry(410, new Text("Gone", "The resource is no longer available.")),
            Map.entry(411, new Text("Length Required", "The request must state its length.")),
            Map.entry(412, new Text("Precondition Failed", "A precondition of the request was not met.")),
            Map.entry(413, new Text("Content Too Large", "The request body is larger than the server allows.")),
            Map.entry(414, new Text("URI Too Long", "The request URL is longer than the server allows.")),
            Map.entry(415, new Text("Unsupported Media Type", "The request body has a type the resource does not accept.")),
            Map.entry(416, new Text("Range Not Satisfiable", "The requested range is outside the resource.")),
            Map.entry(429, new Text("Too Many Requests", "Too many requests were sent in a given amount of time.")),
            Map.entry(431, new Text("Request Header Fields Too Large", "The request header fields are larger than the server allows.")),
            Map.entry(500, new Text("Internal Server Error", "There is a problem with the resource you are looking for, and it cannot be displayed.")),
            Map.entry(501, new Text("Not Implemented", "The server does not support the functionality required by the request.")),
            Map.entry(502, new Text("Bad Gateway", "The server received an invalid response while acting as a gateway or proxy.")),
            Map.entry(503, new Text("Service Unavailable", "The service is unavailable.")),
            Map.entry(504, new Text("Gateway Timeout", "The server, acting as a gateway, did not get a response in time.")));

    private StatusTexts() {
    }

    static String reason(int status) {
        Text text = TEXTS.get(status);
        if (text != null) {
            return text.reason();
        }
        return status < 500 ? "Client Error" : "Server Error";
    }

    static String description(int status) {
        Text text = TEXTS.get(status);
        if (text != null) {
            return text.description();
        }
        return status < 500 ? "The request cannot be served." : "The server failed to serve the request.";
    }

    /** IIS's sentence for a sub-status that has its own meaning, or null. */
    static String subStatusDescription(int status, int subStatus) {
        if (status == 500 && subStatus == 19) {
            return "The requested page cannot be accessed because the related configuration data for the page is invalid.";
        }
        if (status == 503 && subStatus == 4) {
            return "The FastCGI queue is full: every FastCGI process is busy and queueLength requests wait already.";
        }
        return null;
    }

    /** IIS's title: "HTTP Error 404.0 - Not Found". */
    static String title(int status, int subStatus) {
        return "HTTP Error " + status + "." + subStatus + " - " + reason(status);
    }
}
