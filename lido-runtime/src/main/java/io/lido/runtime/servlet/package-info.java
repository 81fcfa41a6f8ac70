/**
 * Hosting Jakarta Servlet web applications (WARs) as Lido applications, what IIS does for ASP.NET by mapping
 * {@code .aspx} to its handler: an application whose root is a web application ({@link WebApplications#isWebApplication})
 * gets, in each of its domains, a servlet container's {@link ServletApplication} as its mapped handler, while Lido's
 * modules (request filtering, custom errors, logging) run around it. The container itself lives in the
 * {@code lido-servlet} module, found through {@link java.util.ServiceLoader} as a {@link ServletContainer}, so the
 * runtime depends on no container and the container on the runtime.
 */
package io.lido.runtime.servlet;
