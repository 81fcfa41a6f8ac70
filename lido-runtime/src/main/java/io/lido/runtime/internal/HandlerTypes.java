package io.lido.runtime.internal;

import io.lido.api.HttpHandler;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads handler classes named in {@code <handlers>} from the application classloader, once per type:
 * a reusable handler is instantiated once per runtime and shared; a non-reusable one gets a new
 * instance per request through its constructor.
 */
final class HandlerTypes {
    private final ClassLoader loader;
    private final ConcurrentHashMap<String, HandlerFactory> factories = new ConcurrentHashMap<>();

    HandlerTypes(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The factory for a handler class name.
     *
     * @throws IllegalArgumentException when the class is missing, is no HttpHandler or cannot be instantiated
     */
    HandlerFactory resolve(String type) {
        HandlerFactory factory = factories.get(type);
        if (factory == null) {
            factory = create(type);
            HandlerFactory raced = factories.putIfAbsent(type, factory);
            if (raced != null) {
                factory = raced;
            }
        }
        return factory;
    }

    private HandlerFactory create(String type) {
        Constructor<? extends HttpHandler> constructor =
                TypeLoading.constructor(loader, type, HttpHandler.class, "attribute \"type\"");
        HttpHandler first = TypeLoading.instantiate(constructor);
        if (first.isReusable()) {
            return HandlerFactory.of(first);
        }
        return () -> {
            try {
                return constructor.newInstance();
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the constructor of " + type + " threw " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + type + ": " + e, e);
            }
        };
    }
}
