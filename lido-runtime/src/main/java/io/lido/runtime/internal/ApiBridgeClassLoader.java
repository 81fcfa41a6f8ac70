package io.lido.runtime.internal;

import io.lido.api.HttpApplication;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every application classloader: the JDK (platform classloader) plus the
 * {@code io.lido.api} package from the server's loader, and nothing else of the server. Application
 * classes and the server must agree on the API types, so those come from one place; the rest of the
 * server (Netty, SLF4J, the runtime itself) stays invisible to application code.
 */
final class ApiBridgeClassLoader extends ClassLoader {
    private static final String API_PACKAGE = "io.lido.api.";
    private static final String API_RESOURCES = "io/lido/api/";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader serverLoader = HttpApplication.class.getClassLoader();

    ApiBridgeClassLoader() {
        super("lido-api", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return serverLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(API_RESOURCES)) {
            return serverLoader.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(API_RESOURCES)) {
            return serverLoader.getResources(name);
        }
        return name.isEmpty() ? Collections.emptyEnumeration() : super.getResources(name);
    }
}
