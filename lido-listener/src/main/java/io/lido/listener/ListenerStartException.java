package io.lido.listener;

/** A socket of a site binding could not be opened (port taken, address not local, ...). */
public final class ListenerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ListenerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
