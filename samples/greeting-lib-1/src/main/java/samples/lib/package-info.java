/**
 * A tiny library published in two versions with the same package and class names (greeting-lib-1 and
 * greeting-lib-2), so tests can show that two applications in one pool each use their own version.
 */
package samples.lib;
