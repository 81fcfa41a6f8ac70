package io.lido.runtime.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/** Loads application types named in configuration, with messages that say what to fix. */
final class TypeLoading {
    private TypeLoading() {
    }

    /**
     * The public no-argument constructor of {@code type}, which must be a concrete subtype of {@code expected}.
     *
     * @param what where the name came from, e.g. "attribute \"type\""
     * @throws IllegalArgumentException naming the type and the problem
     */
    static <T> Constructor<? extends T> constructor(ClassLoader loader, String type, Class<T> expected, String what) {
        Class<?> cls;
        try {
            cls = Class.forName(type, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(what + ": class " + type
                    + " was not found in the application's bin/*.jar", e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException(what + ": " + cannotLoad(type, e), e);
        }
        if (!expected.isAssignableFrom(cls)) {
            throw new IllegalArgumentException(what + ": class " + type + " does not implement " + expected.getName());
        }
        if (Modifier.isAbstract(cls.getModifiers()) || cls.isInterface()) {
            throw new IllegalArgumentException(what + ": class " + type + " is abstract");
        }
        try {
            Constructor<? extends T> constructor = cls.asSubclass(expected).getConstructor();
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(what + ": class " + type + " has no public no-argument constructor", e);
        } catch (LinkageError e) {
            // The constructors' parameter types are resolved here: one of them may be missing.
            throw new IllegalArgumentException(what + ": " + cannotLoad(type, e), e);
        }
    }

    /** Why a class cannot be loaded or linked; names the missing class when that is the reason. */
    private static String cannotLoad(String type, LinkageError e) {
        String missing = MissingClasses.describe(e, type);
        return missing != null ? missing : "class " + type + " cannot be loaded: " + e;
    }

    /** A new instance; a constructor that throws becomes an IllegalArgumentException naming the type. */
    static <T> T instantiate(Constructor<? extends T> constructor) {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            String missing = MissingClasses.describe(e.getCause(), null);
            throw new IllegalArgumentException(missing != null ? missing : "the constructor of "
                    + constructor.getDeclaringClass().getName() + " threw " + e.getCause(), e.getCause());
        } catch (LinkageError e) {
            // Linking (verification) happens when the first instance is made: a class it needs may be missing.
            throw new IllegalArgumentException(cannotLoad(constructor.getDeclaringClass().getName(), e), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate " + constructor.getDeclaringClass().getName()
                    + ": " + e, e);
        }
    }
}
