/**
 * One client connection at a time: {@link io.lido.listener.connection.Http1Connection} drives the
 * exchanges of a connection on its event loop; the request body ({@code BodyQueue}) and the response
 * ({@code Http1ResponseChannel}) are the two halves of the {@code io.lido.ipc} contract the runtime's
 * thread uses, with back-pressure in both directions (socket reads pause while the application has not
 * read the body; the application's writes block while the client does not read). Listener-made errors
 * ({@code ErrorResponse}) always close the connection, with a lingering close so the answer arrives.
 */
package io.lido.listener.connection;
