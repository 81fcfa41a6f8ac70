package io.lido.ipc.frame;

/**
 * The kinds of frame on a host-worker connection, with their one-byte wire codes (docs/ipc.md).
 * Frames on stream 0 concern the connection; the others belong to one exchange.
 */
public enum FrameType {
    HELLO(1),
    READY(2),
    REQUEST_HEAD(3),
    REQUEST_BODY(4),
    REQUEST_END(5),
    RESPONSE_HEAD(6),
    RESPONSE_BODY(7),
    RESPONSE_FILE(8),
    RESPONSE_END(9),
    ABORT(10),
    WINDOW(11),
    PING(12),
    PONG(13),
    DRAIN(14),
    GOAWAY(15),
    /** StateServer (io.lido.ipc.state): worker asks for a session lock. */
    STATE_ACQUIRE(16),
    /** StateServer: worker creates a session. */
    STATE_CREATE(17),
    /** StateServer: worker releases a session lock, with its changes. */
    STATE_RELEASE(18),
    /** StateServer: the host's answer to one of the three above, by request id. */
    STATE_REPLY(19),
    /**
     * host → worker, right after HELLO: the pool's configuration (what the worker runs instead of reading
     * applicationHost.config), in chunks ({@link ConfigCodec}).
     */
    CONFIG(20),
    /**
     * {@code lido recycle app}: host → worker asks to restart one application's domain; worker → host
     * answers with the outcome (both on stream 0, matched by request id; {@link RecycleCodec}).
     */
    RECYCLE_APP(24),
    /**
     * {@code lido list app}: host → worker asks for the domain state of every application it hosts; worker →
     * host answers (both on stream 0, matched by request id; {@link DomainStatusCodec}).
     */
    APP_STATUS(25),
    /**
     * worker → host: why the worker is about to fail (a hung request, System.exit, OutOfMemoryError), on the stream
     * of the request that caused it or on stream 0 ({@link FaultCodec}).
     */
    FAULT(28),
    /**
     * {@code lido list request}: host → worker asks for the requests executing now; worker → host answers (both on
     * stream 0, matched by request id; {@link RequestListCodec}). Codes 50-59 are the operations frames.
     */
    REQUEST_LIST(50);

    private static final FrameType[] BY_CODE = new FrameType[64];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The wire code. */
    public int code() {
        return code;
    }

    /**
     * The type of a wire code.
     *
     * @throws FrameException for a code no type has
     */
    public static FrameType of(int code) {
        FrameType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (type == null) {
            throw new FrameException("unknown frame type " + code);
        }
        return type;
    }
}
