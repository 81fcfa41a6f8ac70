/**
 * The binary frame protocol between the host and a worker process (docs/ipc.md): frame layout,
 * payload codecs and the Netty decoder. Used by both ends, so it depends on nothing but Netty buffers.
 */
package io.lido.ipc.frame;
