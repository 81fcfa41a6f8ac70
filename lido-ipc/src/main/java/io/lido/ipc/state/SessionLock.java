package io.lido.ipc.state;

import java.time.Instant;

/**
 * One granted lock on a stored session.
 *
 * @param session   the locked session
 * @param lockId    its token
 * @param exclusive write or read-only
 * @param owner     the client that holds it (its locks go when its connection goes)
 * @param granted   when it was granted
 * @param breakAt   when the StateServer breaks it if it is still held
 */
record SessionLock(StoredSession session, long lockId, boolean exclusive, StateClient owner, Instant granted,
                   Instant breakAt) {
}
