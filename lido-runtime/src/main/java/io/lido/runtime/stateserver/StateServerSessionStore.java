package io.lido.runtime.stateserver;

import io.lido.ipc.state.SessionValueCodec;
import io.lido.ipc.state.StateChannel;
import io.lido.ipc.state.StateException;
import io.lido.ipc.state.StateGrant;
import io.lido.ipc.state.StateLimits;
import io.lido.runtime.session.SessionLease;
import io.lido.runtime.session.SessionLockTimeoutException;
import io.lido.runtime.session.SessionStore;
import io.lido.runtime.session.SessionUpdate;
import io.lido.runtime.session.StateServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sessions of one application kept by the StateServer. Called on request threads (virtual threads), which
 * wait for the StateServer's answer; items cross as {@link SessionValueCodec} bytes, so a value of any other type
 * is refused at {@code Session.set} ({@link #checkValue}) with the key and class named.
 *
 * <p>An exclusive lease whose request changed nothing releases without items, so the stored bytes are not sent
 * back, and such a release (like every shared one) does not wait for the StateServer's answer: it cannot be
 * refused, so a read-only request pays one round trip, not two. A release whose lock the StateServer broke meanwhile (held past the lock timeout) loses its changes, as in
 * ASP.NET; that is logged, not thrown, because the response has been produced by then.
 */
public final class StateServerSessionStore implements SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateServerSessionStore.class);
    /** How long past its own limit an answer may take before the StateServer counts as unreachable. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

    private final StateChannel channel;
    private final String applicationKey;
    private final Duration lockTimeout;

    StateServerSessionStore(StateChannel channel, String applicationKey, Duration lockTimeout) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.applicationKey = Objects.requireNonNull(applicationKey, "applicationKey");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    /** The connector a runtime is given: every application it opens uses {@code channel}. */
    public static StateServerConnector connector(StateChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return (applicationKey, lockTimeout) -> new StateServerSessionStore(channel, applicationKey, lockTimeout);
    }

    @Override
    public SessionLease acquire(String id, boolean exclusive, Duration wait) throws InterruptedException {
        CompletableFuture<StateGrant> answer = channel.acquire(applicationKey, id, exclusive, wait, lockTimeout);
        StateGrant grant;
        try {
            grant = await(answer, wait.plus(ANSWER_MARGIN));
        } catch (InterruptedException e) {
            giveBackWhenGranted(answer);
            throw e;
        } catch (StateException e) {
            if (e.kind() == StateException.Kind.LOCK_TIMEOUT) {
                throw new SessionLockTimeoutException(e.getMessage());
            }
            throw new IllegalStateException("StateServer: " + e.getMessage(), e);
        }
        return grant == null ? null : lease(grant);
    }

    @Override
    public SessionLease create(String id, Duration timeout, boolean exclusive) {
        CompletableFuture<StateGrant> answer = channel.create(applicationKey, id, timeout, exclusive, lockTimeout);
        try {
            return lease(await(answer, ANSWER_MARGIN));
        } catch (InterruptedException e) {
            giveBackWhenGranted(answer);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating session " + id + " in the StateServer", e);
        } catch (StateException e) {
            throw new IllegalStateException("StateServer: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(SessionLease lease, SessionUpdate update) {
        byte[] items = null;
        if (update.items() != null && !update.abandon()) {
            try {
                items = encode(lease, update.items());
            } catch (RuntimeException e) {
                // The lock must go even though the changes cannot be stored.
                send(lease, null, update.timeout(), false);
                throw e;
            }
        }
        send(lease, items, update.timeout(), update.abandon());
    }

    @Override
    public void checkValue(String name, Object value) {
        SessionValueCodec.check(name, value);
    }

    private static byte[] encode(SessionLease lease, Map<String, Object> items) {
        if (!lease.exclusive()) {
            throw new IllegalArgumentException("session " + lease.id() + " was read with a shared (read-only) lock; "
                    + "its items cannot be written back");
        }
        byte[] bytes = SessionValueCodec.encode(items);
        if (bytes.length > StateLimits.FRAME_LIMIT) {
            throw new IllegalStateException("session " + lease.id() + " would hold " + bytes.length
                    + " bytes of items, over the StateServer limit of " + StateLimits.FRAME_LIMIT
                    + " bytes per session; its changes were not stored");
        }
        return bytes;
    }

    private void send(SessionLease lease, byte[] items, Duration timeout, boolean abandon) {
        CompletableFuture<Void> answer = channel.release(applicationKey, lease.id(), lease.lockId(), items, timeout,
                abandon);
        if (items == null && !abandon) {
            // Nothing to refuse and no data to publish, so no need to wait: a later request of the session that
            // reaches the StateServer before this release simply waits for the lock until it arrives.
            answer.whenComplete((done, error) -> reportLate(lease, error));
            return;
        }
        try {
            await(answer, ANSWER_MARGIN);
        } catch (InterruptedException e) {
            // The release is on its way; only the wait for its answer is cut short.
            Thread.currentThread().interrupt();
        } catch (StateException e) {
            if (e.kind() != StateException.Kind.STALE_LOCK) {
                throw new IllegalStateException("StateServer: " + e.getMessage(), e);
            }
            LOG.warn("Application '{}': {}", applicationKey, e.getMessage());
        }
    }

    private void reportLate(SessionLease lease, Throwable error) {
        if (error == null) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof StateException state && state.kind() == StateException.Kind.STALE_LOCK) {
            LOG.warn("Application '{}': {}", applicationKey, state.getMessage());
        } else {
            LOG.error("Application '{}': releasing session {} failed: {}", applicationKey, lease.id(), cause.toString());
        }
    }

    /** A grant that arrives after its requester stopped waiting is released at once, not left to the lock timeout. */
    private void giveBackWhenGranted(CompletableFuture<StateGrant> answer) {
        answer.thenAccept(late -> {
            if (late != null) {
                channel.release(applicationKey, late.sessionId(), late.lockId(), null, late.timeout(), false);
            }
        });
    }

    private static SessionLease lease(StateGrant grant) {
        return new SessionLease(grant.sessionId(), grant.lockId(), grant.exclusive(),
                SessionValueCodec.decode(grant.items()), grant.timeout(), grant.isNew());
    }

    /** Waits for an answer; a StateServer failure is rethrown as the {@link StateException} it carries. */
    private <T> T await(CompletableFuture<T> answer, Duration limit) throws InterruptedException {
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StateException state) {
                throw state;
            }
            throw new IllegalStateException("StateServer request of application '" + applicationKey + "' failed: "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the StateServer did not answer a request of application '"
                    + applicationKey + "' within " + limit.toSeconds() + " s");
        }
    }

    @Override
    public String toString() {
        return "StateServer store of application '" + applicationKey + "'";
    }
}
