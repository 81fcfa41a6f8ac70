package io.lido.config.internal;

/**
 * The type of a configuration attribute: turns the text written in a file into a typed value, or
 * explains what would have been valid.
 */
public interface AttributeType {

    /**
     * Parses {@code text}.
     *
     * @throws InvalidValueException with the reason (e.g. "is not a whole number (allowed: 1..10)")
     */
    Object parse(String text);

    /** What is allowed, for messages, e.g. "true, false" or "10..65535". */
    String allowed();

    /** The value is not valid for the type; the message reads after the quoted value. */
    final class InvalidValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidValueException(String reason) {
            super(reason);
        }
    }
}
