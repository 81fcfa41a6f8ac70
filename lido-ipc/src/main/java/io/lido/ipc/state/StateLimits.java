package io.lido.ipc.state;

import io.lido.ipc.frame.Frames;

/**
 * What one application may keep in the StateServer. The host process holds every session of every
 * out-of-process application, so one application must not be able to exhaust its memory.
 *
 * @param maxSessionsPerApplication how many sessions one application may have at once
 * @param maxBytesPerApplication    the encoded bytes of all sessions of one application
 * @param maxSessionBytes           the encoded bytes of one session's items; at most {@link #FRAME_LIMIT},
 *                                  because a session travels to a worker in one frame
 */
public record StateLimits(int maxSessionsPerApplication, long maxBytesPerApplication, int maxSessionBytes) {
    /** The largest items a frame can carry next to the rest of a STATE_REPLY or STATE_RELEASE payload. */
    public static final int FRAME_LIMIT = Frames.MAX_PAYLOAD - 4096;
    /** 100 000 sessions and 256 MiB per application, 240 KiB per session. */
    public static final StateLimits DEFAULT = new StateLimits(100_000, 256L * 1024 * 1024, 240 * 1024);

    public StateLimits {
        if (maxSessionsPerApplication < 1 || maxBytesPerApplication < 1 || maxSessionBytes < 1) {
            throw new IllegalArgumentException("StateServer limits must be positive: " + maxSessionsPerApplication
                    + " sessions, " + maxBytesPerApplication + " bytes per application, " + maxSessionBytes
                    + " bytes per session");
        }
        if (maxSessionBytes > FRAME_LIMIT) {
            throw new IllegalArgumentException("StateServer maxSessionBytes " + maxSessionBytes + " is over "
                    + FRAME_LIMIT + ", the most one frame carries");
        }
    }
}
