package io.lido.servlet;

import io.lido.api.HttpHandler;
import io.lido.runtime.servlet.ServletApplication;
import io.lido.runtime.servlet.WebApplicationSpec;
import org.eclipse.jetty.ee.webapp.WebAppClassLoader;
import org.eclipse.jetty.ee11.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee11.webapp.Configuration;
import org.eclipse.jetty.ee11.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.ServletsConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.ee11.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebXmlConfiguration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import java.io.IOException;

/**
 * One generation of a web application on Jetty: its own Jetty {@link Server} (no socket: see
 * {@link ExchangeConnector}), one {@link WebAppContext} over the domain's unpacked copy, with web.xml, fragments,
 * annotations and ServletContainerInitializers, and its own class loader (servlet rules: WEB-INF/classes, then
 * WEB-INF/lib, then Jakarta and the JDK; see {@link WebApplicationParentLoader}).
 *
 * <p>Not configured, on purpose: {@code WEB-INF/jetty-web.xml} (it could reach into the container that other
 * applications' requests share), JNDI, JAAS, JSP (later).
 */
final class JettyWebApplication implements ServletApplication {
    private final Server server;
    private final WebAppContext context;
    private final WebAppClassLoader loader;
    private final HttpHandler handler;

    private JettyWebApplication(Server server, WebAppContext context, WebAppClassLoader loader, HttpHandler handler) {
        this.server = server;
        this.context = context;
        this.loader = loader;
        this.handler = handler;
    }

    static JettyWebApplication start(WebApplicationSpec spec) throws Exception {
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("lido-servlet");
        Server server = new Server(threads);
        server.setStopTimeout(0);
        HttpConfiguration configuration = new HttpConfiguration();
        // Lido's listener owns the connection's fields, as the listener's own responses show.
        configuration.setSendServerVersion(false);
        configuration.setSendDateHeader(false);
        configuration.setSendXPoweredBy(false);
        ExchangeConnector connector = new ExchangeConnector(server, configuration);
        server.addConnector(connector);

        WebAppContext context = new WebAppContext();
        context.setContextPath(spec.contextPath().isEmpty() ? "/" : spec.contextPath());
        context.setDisplayName(spec.name());
        context.setWar(spec.folder().toString());
        context.setExtractWAR(false);
        context.setCopyWebDir(false);
        context.setCopyWebInf(false);
        context.setTempDirectory(spec.tempFolder().toFile());
        context.setTempDirectoryPersistent(true);
        context.setLogUrlOnStart(false);
        context.setThrowUnavailableOnStartupException(true);
        context.setParentLoaderPriority(false);
        context.setConfigurations(new Configuration[] {
            new WebInfConfiguration(), new WebXmlConfiguration(), new MetaInfConfiguration(),
            new FragmentConfiguration(), new WebAppConfiguration(), new ServletsConfiguration(),
            new AnnotationConfiguration()});
        WebAppClassLoader loader = new WebAppClassLoader(new WebApplicationParentLoader(), context);
        context.setClassLoader(loader);
        LidoUserAuthenticator.install(context.getSecurityHandler());
        server.setHandler(context);
        try {
            server.start();
            if (context.getUnavailableException() != null) {
                throw new IllegalStateException("the web application of " + spec.name() + " is unavailable: "
                        + context.getUnavailableException(), context.getUnavailableException());
            }
            SecurityConstraints.refuse(context, spec);
        } catch (Exception | LinkageError e) {
            try {
                SecurityConstraints.refuse(context, spec);
            } catch (IllegalStateException refused) {
                refused.addSuppressed(e);
                stopQuietly(server, loader, refused);
                throw refused;
            }
            stopQuietly(server, loader, e);
            throw e;
        }
        return new JettyWebApplication(server, context, loader,
                new ServletContainerHandler(connector, configuration));
    }

    private static void stopQuietly(Server server, WebAppClassLoader loader, Throwable cause) {
        try {
            server.stop();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
        try {
            loader.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public HttpHandler handler() {
        return handler;
    }

    @Override
    public ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void stop() throws Exception {
        try {
            server.stop();
        } finally {
            loader.close();
        }
    }

    @Override
    public String toString() {
        return "JettyWebApplication[" + context.getDisplayName() + "]";
    }
}
