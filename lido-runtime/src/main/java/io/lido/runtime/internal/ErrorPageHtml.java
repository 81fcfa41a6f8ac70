package io.lido.runtime.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * The HTML of Lido's own error pages, shaped like IIS's: a generic page that reveals nothing about the
 * server (for remote clients), and a detailed page for the developer at the machine with the module,
 * event, handler, URL, physical path and the exception's stack trace. Every value is HTML-escaped.
 */
final class ErrorPageHtml {
    private static final String STYLE = "<style>body{font-family:Segoe UI,Verdana,sans-serif;margin:0;background:#fff}"
            + "#header{background:#b22222;color:#fff;padding:8px 20px}h1{font-size:1.6em;margin:0}"
            + "#content{margin:0 20px}h3{margin:14px 0 4px}table{border-collapse:collapse}"
            + "th{text-align:right;padding:2px 12px 2px 0;vertical-align:top;color:#555}"
            + "pre{background:#f5f5f5;padding:10px;overflow:auto;font-size:.9em}</style>";

    private ErrorPageHtml() {
    }

    /** The page remote clients see: the status and IIS's one-line description. */
    static String generic(int status, int subStatus) {
        String title = StatusTexts.title(status, subStatus);
        return "<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"><title>" + Html.encode(title) + "</title>" + STYLE
                + "</head><body><div id=\"header\"><h1>" + Html.encode(title) + "</h1></div><div id=\"content\"><h3>"
                + Html.encode(description(status, subStatus)) + "</h3></div></body></html>\r\n";
    }

    /** Everything a developer needs to find the failure. */
    static String detailed(int status, int subStatus, String requestUrl, Path physicalPath, String handler,
                           RequestFailure failure) {
        String title = StatusTexts.title(status, subStatus);
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"><title>").append(Html.encode(title))
                .append("</title>").append(STYLE).append("</head><body><div id=\"header\"><h1>")
                .append(Html.encode(title)).append("</h1></div><div id=\"content\"><h3>")
                .append(Html.encode(description(status, subStatus))).append("</h3>");
        if (failure != null) {
            Throwable error = failure.error();
            sb.append("<h3>").append(Html.encode(error.getClass().getName())).append(": ")
                    .append(Html.encode(String.valueOf(error.getMessage()))).append("</h3>");
        }
        sb.append("<h3>Detailed Error Information</h3><table>");
        row(sb, "Module", failure == null || failure.source() == null ? "" : failure.source());
        row(sb, "Notification", failure == null || failure.event() == null
                ? (failure == null ? "" : "ExecuteRequestHandler") : failure.event().name());
        row(sb, "Handler", handler);
        row(sb, "Error Code", status + "." + subStatus);
        row(sb, "Requested URL", requestUrl);
        row(sb, "Physical Path", physicalPath == null ? "" : physicalPath.toString());
        sb.append("</table>");
        // An HttpException below 500 is an answer, not a bug: its message says it all.
        if (failure != null && !(failure.error() instanceof io.lido.api.HttpException http && http.status() < 500)) {
            StringWriter trace = new StringWriter();
            failure.error().printStackTrace(new PrintWriter(trace));
            sb.append("<h3>Stack Trace</h3><pre>").append(Html.encode(trace.toString())).append("</pre>");
        }
        sb.append("</div></body></html>\r\n");
        return sb.toString();
    }

    private static String description(int status, int subStatus) {
        String specific = StatusTexts.subStatusDescription(status, subStatus);
        return specific != null ? specific : StatusTexts.description(status);
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("<tr><th>").append(name).append("</th><td>").append(Html.encode(value)).append("</td></tr>");
    }
}
