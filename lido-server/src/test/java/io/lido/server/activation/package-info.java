/**
 * Process tests of out-of-process application pools: the built distribution runs as a real host process,
 * its pools' applications in real worker JVMs; tests kill, hang, grow and recycle workers under load.
 */
package io.lido.server.activation;
