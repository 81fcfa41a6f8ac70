/**
 * The host side of the channel to a worker process: {@link io.lido.ipc.link.WorkerEndpoint} accepts
 * the worker's Unix-domain-socket connection and yields a {@link io.lido.ipc.link.WorkerLink} that
 * multiplexes many exchanges over it (frames of {@link io.lido.ipc.frame}, see docs/ipc.md).
 */
package io.lido.ipc.link;
