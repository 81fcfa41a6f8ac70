/**
 * StateServer mode from the application's side: {@link io.lido.runtime.stateserver.StateServerSessionStore}
 * turns the runtime's {@link io.lido.runtime.session.SessionStore} calls into StateServer operations over a
 * {@link io.lido.ipc.state.StateChannel} — the host's own client for in-process pools, a worker's connection to
 * the host otherwise — so that both hosting models run the same code, and items are encoded with
 * {@link io.lido.ipc.state.SessionValueCodec} either way.
 */
package io.lido.runtime.stateserver;
