package io.lido.ipc.frame;

/** A frame that breaks the protocol: the connection that carried it cannot be trusted any more. */
public final class FrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
