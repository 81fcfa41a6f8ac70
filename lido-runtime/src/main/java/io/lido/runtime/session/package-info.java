/**
 * Session state (ASP.NET's {@code System.Web.SessionState}): the contract between the runtime's session
 * state step and the stores that keep sessions in an application domain (InProc) or in the host process
 * (StateServer) — {@link io.lido.runtime.session.SessionStore}, {@link io.lido.runtime.session.SessionLease},
 * {@link io.lido.runtime.session.SessionUpdate}, {@link io.lido.runtime.session.StateServerConnector} — and
 * the runtime's side of it: the {@link io.lido.runtime.session.SessionStateModule} the pipeline runs at
 * AcquireRequestState and ReleaseRequestState, the per-request
 * {@link io.lido.runtime.session.RequestSession}, session ids, the bound {@code sessionState} settings and
 * the {@link io.lido.runtime.session.InProcSessionStore}.
 */
package io.lido.runtime.session;
