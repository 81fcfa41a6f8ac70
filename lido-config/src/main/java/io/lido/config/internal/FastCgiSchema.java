package io.lido.config.internal;

import static io.lido.config.internal.AttributeTypes.enumeration;
import static io.lido.config.internal.AttributeTypes.integer;
import static io.lido.config.internal.ElementSchema.element;

/**
 * {@code system.webServer/fastCgi}: the FastCGI programs the server may start, one {@code <application>} per
 * {@code fullPath} and {@code arguments} (what a handler's {@code scriptProcessor="fullPath|arguments"} names), with
 * IIS's attributes, ranges and defaults (iis-docs: configuration/system.webServer/fastCgi/application). IIS 7.5+
 * defaults: {@code activityTimeout} 70 s; IIS 8+: {@code maxInstances} 0 (the server chooses).
 */
final class FastCgiSchema {
    private FastCgiSchema() {
    }

    static ElementSchema fastCgi() {
        ElementSchema environmentVariables = element("environmentVariables")
                .collection(element("environmentVariable").required("name").text("value").build(), "name")
                .build();
        ElementSchema application = element("application")
                .required("fullPath")
                .text("arguments", "monitorChangesTo")
                .attr("maxInstances", integer(0, 10000), "0")
                .attr("instanceMaxRequests", integer(1, 10000000), "200")
                .attr("activityTimeout", integer(10, 3600), "70")
                .attr("requestTimeout", integer(10, 604800), "90")
                .attr("idleTimeout", integer(10, 604800), "300")
                .attr("queueLength", integer(1, 10000000), "1000")
                .attr("protocol", enumeration("NamedPipe", "Tcp"), "NamedPipe")
                .bool("flushNamedPipe", false)
                .attr("stderrMode", enumeration("ReturnStdErrIn500", "ReturnGeneric500", "IgnoreAndReturn200",
                        "TerminateProcess"), "ReturnStdErrIn500")
                .attr("signalBeforeTerminateSeconds", integer(0, 3600), "0")
                .child(environmentVariables)
                // Lido's "named pipe" is a Unix domain socket in a folder only the pool's user can open; a TCP port on
                // loopback would let every local user talk to the pool's PHP as the pool.
                .unsupported("protocol", "NamedPipe")
                // A Windows named-pipe detail with no Unix socket equivalent.
                .unsupported("flushNamedPipe")
                .build();
        return element("fastCgi").collection(application, "fullPath", "arguments").build();
    }
}
