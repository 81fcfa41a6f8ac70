package io.lido.ipc.frame;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending side of one stream's credit window: a sender takes credit before it sends body bytes
 * and blocks (its own thread, never an event loop) while there is none; WINDOW frames from the peer
 * give it back. Closing wakes every waiter for good.
 */
public final class FlowWindow {
    /** The credit every stream starts with, in each direction. */
    public static final int INITIAL = 256 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private int credit = INITIAL;
    private boolean closed;

    /**
     * Takes up to {@code wanted} bytes of credit, blocking until there is some.
     *
     * @return the credit taken (1..wanted), or -1 once the window is closed
     */
    public int acquire(int wanted) {
        lock.lock();
        try {
            while (credit == 0 && !closed) {
                available.awaitUninterruptibly();
            }
            return take(wanted);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code wanted} bytes of credit without waiting.
     *
     * @return the credit taken (0 when there is none now), or -1 once the window is closed
     */
    public int tryAcquire(int wanted) {
        lock.lock();
        try {
            return take(wanted);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the credit taken, or -1 once the window is closed. */
    private int take(int wanted) {
        if (closed) {
            return -1;
        }
        int granted = Math.min(wanted, credit);
        credit -= granted;
        return granted;
    }

    /**
     * Gives back credit (a WINDOW frame from the peer).
     *
     * @throws FrameException when the peer credits more than was sent
     */
    public void grant(int increment) {
        lock.lock();
        try {
            if (increment <= 0 || (long) credit + increment > INITIAL) {
                throw new FrameException("WINDOW of " + increment + " bytes credits more than was sent ("
                        + (INITIAL - credit) + " outstanding)");
            }
            credit += increment;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter; later acquires return -1. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a sender is or would be blocked for lack of credit (for hang detection). */
    public boolean exhausted() {
        lock.lock();
        try {
            return credit == 0 && !closed;
        } finally {
            lock.unlock();
        }
    }
}
