package io.lido.runtime;

/**
 * An application could not start: its Global class's {@code onStart()}, a module's {@code init} or the
 * Global class's {@code init()} failed. Configuration errors (an unknown type in web.config) are
 * {@link io.lido.config.ConfigException}s instead, naming the file and line.
 */
public final class ApplicationStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ApplicationStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
