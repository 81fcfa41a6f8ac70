/**
 * Authentication and URL authorization (issue 12 parts 1 and 2) through real sockets: user files made by the
 * real {@code htpasswd} (Debian apache2-utils), requests sent by the real {@code curl}, in-process and through the
 * distribution with an out-of-process pool.
 */
package io.lido.server.auth;
