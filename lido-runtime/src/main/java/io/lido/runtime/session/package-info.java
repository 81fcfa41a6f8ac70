/**
 * Session state storage: the contract between the runtime's session state module and the stores that
 * keep sessions in an application domain (InProc) or in the host process (StateServer).
 */
package io.lido.runtime.session;
