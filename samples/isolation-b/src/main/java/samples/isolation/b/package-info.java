/**
 * Sample application B of the isolation tests: uses version 2 of the greeting library, which has the same
 * class names as the version 1 that application A uses in the same pool.
 */
package samples.isolation.b;
