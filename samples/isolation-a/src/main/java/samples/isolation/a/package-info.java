/**
 * Sample application A of the isolation tests: uses version 1 of the greeting library
 * ({@code samples.lib.Greeting}, deployed as its own jar in bin/). {@link samples.isolation.a.GreetingHandler}
 * reports the library version and its static counter, {@link samples.isolation.a.ClassProbeHandler} what
 * the application can load, {@link samples.isolation.a.SlowHandler} which domain finished a slow request,
 * {@link samples.isolation.a.Global} an id per application domain.
 */
package samples.isolation.a;
