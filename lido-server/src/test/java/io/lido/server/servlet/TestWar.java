package io.lido.server.servlet;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The test web application, built in the test from plain servlet sources (compiled against the distribution's
 * jakarta.servlet-api): annotations ({@code @WebServlet}, {@code @WebFilter}, {@code @WebListener},
 * {@code @MultipartConfig}), web.xml (a servlet mapping, a context parameter, an error page, a welcome file), a
 * ServletContainerInitializer and a library class in {@code WEB-INF/lib/lib.jar}, and static content.
 */
final class TestWar {
    static final String SECURED_WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <security-constraint>
                <web-resource-collection><web-resource-name>admin</web-resource-name><url-pattern>/admin/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>admin</role-name></auth-constraint>
              </security-constraint>
            </web-app>
            """;

    private static final Map<String, String> APP_SOURCES = Map.of(
            "demo/HelloServlet.java", """
                    package demo;
                    import jakarta.servlet.annotation.WebServlet;
                    import jakarta.servlet.http.*;
                    import java.io.IOException;
                    @WebServlet("/hello")
                    public class HelloServlet extends HttpServlet {
                      @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.setContentType("text/plain;charset=utf-8");
                        String resource = new String(getServletContext().getResourceAsStream("/WEB-INF/data.txt").readAllBytes()).trim();
                        resp.getWriter().print("hello version=" + getServletContext().getInitParameter("version")
                            + " remote=" + req.getRemoteAddr() + " localPort=" + req.getLocalPort() + " secure=" + req.isSecure()
                            + " requestId=" + req.getAttribute("io.lido.requestId") + " context=" + req.getContextPath()
                            + " started=" + getServletContext().getAttribute("started") + " resource=" + resource
                            + " library=" + lib.Greeting.greet() + " runtime=" + visible("io.lido.runtime.HttpRuntime")
                            + " slf4j=" + visible("org.slf4j.Logger") + " netty=" + visible("io.netty.channel.Channel")
                            + " jettyServer=" + visible("org.eclipse.jetty.server.Server") + " query=" + req.getParameter("q")
                            + " user=" + req.getRemoteUser() + " authType=" + req.getAuthType()
                            + " staff=" + req.isUserInRole("staff"));
                      }
                      private static String visible(String name) {
                        try { Class.forName(name, false, Thread.currentThread().getContextClassLoader()); return "visible"; }
                        catch (ClassNotFoundException e) { return "hidden"; }
                      }
                    }
                    """,
            "demo/EchoServlet.java", """
                    package demo;
                    import jakarta.servlet.http.*;
                    import java.io.*;
                    /** Mapped in web.xml: copies the body back as it arrives, flushing each piece. */
                    public class EchoServlet extends HttpServlet {
                      @Override protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.setContentType("application/octet-stream");
                        InputStream in = req.getInputStream(); OutputStream out = resp.getOutputStream();
                        byte[] buffer = new byte[8192]; int n;
                        while ((n = in.read(buffer)) >= 0) { out.write(buffer, 0, n); out.flush(); }
                      }
                    }
                    """,
            "demo/HeaderFilter.java", """
                    package demo;
                    import jakarta.servlet.*;
                    import jakarta.servlet.annotation.WebFilter;
                    import jakarta.servlet.http.HttpServletResponse;
                    import java.io.IOException;
                    @WebFilter(urlPatterns = "/*", asyncSupported = true)
                    public class HeaderFilter implements Filter {
                      @Override public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
                        ((HttpServletResponse) resp).setHeader("X-Filtered", "yes");
                        chain.doFilter(req, resp);
                      }
                    }
                    """,
            "demo/StartListener.java", """
                    package demo;
                    import jakarta.servlet.*;
                    import jakarta.servlet.annotation.WebListener;
                    @WebListener
                    public class StartListener implements ServletContextListener {
                      @Override public void contextInitialized(ServletContextEvent e) { e.getServletContext().setAttribute("started", "yes"); }
                      @Override public void contextDestroyed(ServletContextEvent e) { System.out.println("test war " + e.getServletContext().getContextPath() + " destroyed"); }
                    }
                    """,
            "demo/AsyncServlet.java", """
                    package demo;
                    import jakarta.servlet.AsyncContext;
                    import jakarta.servlet.annotation.WebServlet;
                    import jakarta.servlet.http.*;
                    @WebServlet(urlPatterns = "/async", asyncSupported = true)
                    public class AsyncServlet extends HttpServlet {
                      @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        AsyncContext async = req.startAsync();
                        new Thread(() -> {
                          try { Thread.sleep(100); async.getResponse().setContentType("text/plain"); async.getResponse().getWriter().print("async done on another thread"); }
                          catch (Exception e) { throw new RuntimeException(e); }
                          finally { async.complete(); }
                        }).start();
                      }
                    }
                    """,
            "demo/UploadServlet.java", """
                    package demo;
                    import jakarta.servlet.ServletException;
                    import jakarta.servlet.annotation.*;
                    import jakarta.servlet.http.*;
                    import java.io.IOException;
                    @WebServlet("/upload") @MultipartConfig
                    public class UploadServlet extends HttpServlet {
                      @Override protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
                        Part part = req.getPart("file");
                        resp.setContentType("text/plain");
                        resp.getWriter().print("part=" + part.getName() + " file=" + part.getSubmittedFileName() + " size=" + part.getSize()
                            + " field=" + req.getParameter("field"));
                      }
                    }
                    """,
            "demo/MissingServlet.java", """
                    package demo;
                    import jakarta.servlet.annotation.WebServlet;
                    import jakarta.servlet.http.*;
                    import java.io.IOException;
                    @WebServlet("/missing")
                    public class MissingServlet extends HttpServlet {
                      @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException { resp.sendError(404); }
                    }
                    """);

    private static final Map<String, String> LIB_SOURCES = Map.of(
            "lib/Greeting.java", """
                    package lib;
                    public class Greeting { public static String greet() { return "from-web-inf-lib"; } }
                    """,
            "lib/LibInitializer.java", """
                    package lib;
                    import jakarta.servlet.*;
                    import jakarta.servlet.http.*;
                    import java.util.Set;
                    /** Registered in META-INF/services: adds a servlet at /sci, as Spring's initializer does. */
                    public class LibInitializer implements ServletContainerInitializer {
                      @Override public void onStartup(Set<Class<?>> classes, ServletContext context) {
                        context.addServlet("sci", new HttpServlet() {
                          @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                            resp.getWriter().print("added by a ServletContainerInitializer");
                          }
                        }).addMapping("/sci");
                      }
                    }
                    """);

    private TestWar() {
    }

    static String webXml(int version) {
        return """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                  <context-param><param-name>version</param-name><param-value>%d</param-value></context-param>
                  <servlet><servlet-name>echo</servlet-name><servlet-class>demo.EchoServlet</servlet-class></servlet>
                  <servlet-mapping><servlet-name>echo</servlet-name><url-pattern>/echo</url-pattern></servlet-mapping>
                  <welcome-file-list><welcome-file>index.html</welcome-file></welcome-file-list>
                  <error-page><error-code>404</error-code><location>/not-found.html</location></error-page>
                </web-app>
                """.formatted(version);
    }

    /** Writes the unpacked web application into {@code folder} (which becomes an application's root). */
    static void writeFolder(Path folder, Path servletApi, Path work, int version) throws IOException {
        Path classes = folder.resolve("WEB-INF/classes");
        Path lib = folder.resolve("WEB-INF/lib");
        Files.createDirectories(classes);
        Files.createDirectories(lib);
        Path libClasses = work.resolve("lib-classes");
        compile(LIB_SOURCES, work.resolve("lib-src"), libClasses, servletApi.toString());
        Files.createDirectories(libClasses.resolve("META-INF/services"));
        Files.writeString(libClasses.resolve("META-INF/services/jakarta.servlet.ServletContainerInitializer"),
                "lib.LibInitializer\n");
        Files.write(lib.resolve("lib.jar"), jar(libClasses));
        compile(APP_SOURCES, work.resolve("app-src"), classes, servletApi + ":" + libClasses);
        Files.writeString(folder.resolve("WEB-INF/web.xml"), webXml(version));
        Files.writeString(folder.resolve("WEB-INF/data.txt"), "a ServletContext resource\n");
        Files.writeString(folder.resolve("index.html"), "<h1>welcome file</h1>\n");
        Files.writeString(folder.resolve("not-found.html"), "<p>the web application's own 404 page</p>\n");
    }

    /** The same web application packed as a .war. */
    static byte[] war(Path servletApi, Path work, int version) throws IOException {
        Path folder = work.resolve("war-" + version);
        writeFolder(folder, servletApi, work.resolve("build-" + version), version);
        return jar(folder);
    }

    /** A web application whose web.xml declares a constraint that needs a signed-in user. */
    static void writeSecured(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("WEB-INF"));
        Files.writeString(folder.resolve("WEB-INF/web.xml"), SECURED_WEB_XML);
    }

    private static void compile(Map<String, String> sources, Path sourceFolder, Path classes, String classPath)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "--release", "17",
                "-proc:none"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceFolder.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (compiler.run(null, errors, errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the test web application does not compile:\n" + errors);
        }
    }

    private static byte[] jar(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(folder.relativize(file).toString()));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
