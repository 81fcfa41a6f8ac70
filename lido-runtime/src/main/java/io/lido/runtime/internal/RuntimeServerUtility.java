package io.lido.runtime.internal;

import io.lido.api.HttpException;
import io.lido.api.HttpServerUtility;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** ASP.NET's {@code Server} object for one request. */
final class RuntimeServerUtility implements HttpServerUtility {
    private static volatile String machineName;
    private final RuntimeContext context;

    RuntimeServerUtility(RuntimeContext context) {
        this.context = context;
    }

    @Override
    public Path mapPath(String virtualPath) {
        String folder = VirtualPathMapper.folderOf(context.request().path());
        String sitePath = VirtualPathMapper.toSitePath(virtualPath, context.applicationPath(), folder);
        return context.domain().paths().map(sitePath);
    }

    @Override
    public String htmlEncode(String text) {
        return Html.encode(text);
    }

    @Override
    public String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String urlDecode(String text) {
        try {
            return UrlEncoding.decode(text, "text to decode");
        } catch (HttpException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String machineName() {
        String name = machineName;
        if (name == null) {
            name = lookUpMachineName();
            machineName = name;
        }
        return name;
    }

    private static String lookUpMachineName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot determine the machine name", e);
        }
    }
}
