/** Tests of {@code lido recycle app} and {@code lido list app}, in-process and through the distribution. */
package io.lido.server.recycle;
