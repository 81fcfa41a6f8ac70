/**
 * What an operator sees, through the built distribution (failsafe *IT): {@code lido list app},
 * {@code lido list apppool} and {@code lido recycle app} against a real {@code lido run} host with in-process
 * and out-of-process applications, a broken deployment, Lido's log wording, and the start order when a port
 * is taken.
 */
package io.lido.server.operations;
