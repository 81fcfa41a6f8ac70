/**
 * Application domain tests through the built distribution (failsafe *IT): the sample applications of
 * samples/ (two versions of one library, a Global class that fails to start, a session counter) deployed
 * into temporary sites served by a real {@code lido run} host, in an outOfProcess pool (worker JVMs) and an
 * inProcess pool, over real sockets.
 */
package io.lido.server.domains;
