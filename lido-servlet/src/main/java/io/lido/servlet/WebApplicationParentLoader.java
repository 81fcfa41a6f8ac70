package io.lido.servlet;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every web application's class loader: the JDK (platform loader), the Jakarta APIs Lido hosts
 * ({@code jakarta.*}) and Jetty's own classes, from the server's loader, and nothing else of the process: Lido's
 * runtime, Netty and SLF4J stay invisible ({@code ClassNotFoundException}), so an application ships its own
 * libraries in WEB-INF/lib and gets its own copies. Jetty's {@code WebAppClassLoader} (the child) hides Jetty's
 * implementation classes from the application's code in turn, except those the servlet specification or its
 * default servlets need.
 */
final class WebApplicationParentLoader extends ClassLoader {
    private static final String[] PACKAGES = {"jakarta.", "org.eclipse.jetty."};
    private static final String[] RESOURCES = {"jakarta/", "org/eclipse/jetty/"};

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader serverLoader = WebApplicationParentLoader.class.getClassLoader();

    WebApplicationParentLoader() {
        super("lido-servlet", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (startsWithAny(name, PACKAGES)) {
            return serverLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (startsWithAny(name, RESOURCES)) {
            return serverLoader.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (startsWithAny(name, RESOURCES)) {
            return serverLoader.getResources(name);
        }
        return name.isEmpty() ? Collections.emptyEnumeration() : super.getResources(name);
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
