/**
 * A sample application that fails to start: its {@link samples.badstart.Global} throws from
 * {@code onStart}. It stands for a bad deployment in the application domain tests.
 */
package samples.badstart;
