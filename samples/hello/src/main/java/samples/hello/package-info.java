/**
 * The sample application that Lido's default site deploys: read it as the example of how an application
 * is written.
 *
 * <ul>
 *   <li>{@link samples.hello.HelloHandler} answers {@code GET /hello} (a {@code <handlers>} entry in
 *       web.config maps the path to the class);</li>
 *   <li>{@link samples.hello.RequestCounterModule} takes part in every request of the application: it
 *       counts requests in application state and reports the count and the time taken in response
 *       headers (a {@code <modules>} entry);</li>
 *   <li>{@link samples.hello.Global} is the application's Global class (what {@code Global.asax} is in
 *       ASP.NET), named by {@code <system.web><httpApplication type="samples.hello.Global"/>}.</li>
 * </ul>
 *
 * <p>The application is built as a plain jar and dropped into the application's {@code bin/} folder. It
 * depends on {@code lido-api} only, which Lido provides at run time; the application's class loader sees
 * the JDK and {@code io.lido.api}, nothing else of the server (so no SLF4J: use {@link System.Logger}).
 */
package samples.hello;
