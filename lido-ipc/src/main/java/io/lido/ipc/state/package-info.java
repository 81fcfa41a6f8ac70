/**
 * StateServer: the host process's session store (ASP.NET's {@code aspnet_state} service, inside the host).
 * {@link io.lido.ipc.state.StateServer} keeps every application's sessions as encoded bytes with ASP.NET's
 * locking (shared for read-only handlers, exclusive for writers, tokens not owned by a thread, broken after the
 * lock timeout) and expiry; each worker connection (or the host's own in-process applications) talks to it
 * through a {@link io.lido.ipc.state.StateClient}, whose locks are released when the connection goes.
 * {@link io.lido.ipc.state.SessionValueCodec} is the only format session values cross processes in
 * (docs/session-state.md, "Session value format"). Nothing here loads application classes.
 */
package io.lido.ipc.state;
