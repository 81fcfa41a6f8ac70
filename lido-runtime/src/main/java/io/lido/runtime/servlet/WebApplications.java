package io.lido.runtime.servlet;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;

/** Which applications are Jakarta web applications, and the process's servlet container. */
public final class WebApplications {
    private static volatile ServletContainer container;

    private WebApplications() {
    }

    /**
     * Whether an application root is a web application: a {@code .war} file, or a folder with {@code WEB-INF/}
     * (an unpacked WAR), as Tomcat and Jetty deploy them.
     */
    public static boolean isWebApplication(Path root) {
        if (isWarFile(root)) {
            return true;
        }
        return Files.isDirectory(root.resolve("WEB-INF"), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether the path is a {@code .war} file (a packed web application). */
    public static boolean isWarFile(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".war") && Files.isRegularFile(path);
    }

    /**
     * The servlet container of this process (the first {@link ServletContainer} on the server's class path).
     *
     * @throws IllegalStateException when the distribution has none (lido-servlet is not in lib/)
     */
    public static ServletContainer container() {
        ServletContainer found = container;
        if (found == null) {
            synchronized (WebApplications.class) {
                if (container == null) {
                    container = ServiceLoader.load(ServletContainer.class, ServletContainer.class.getClassLoader())
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("this Lido has no servlet container to run a "
                                    + "web application (the lido-servlet module is not on its class path)"));
                }
                found = container;
            }
        }
        return found;
    }
}
