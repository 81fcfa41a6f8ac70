package io.lido.listener.codec;

/** The message {@link RequestDecoder} emits after the last body byte of a request (also for no body). */
public enum BodyEnd {
    INSTANCE
}
