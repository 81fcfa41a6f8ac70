package samples.isolation.a;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/**
 * Answers {@code ?class=NAME} with {@code visible} or {@code invisible}: whether this application's
 * classloader can load the class. Tests use it to show that server internals and other applications'
 * classes are out of an application's reach, while the JDK and Lido's API are not.
 */
public final class ClassProbeHandler implements HttpHandler {

    @Override
    public void processRequest(HttpContext context) {
        String name = context.request().query("class");
        if (name == null || name.isBlank()) {
            context.response().status(400);
            context.response().write("missing query parameter: class");
            return;
        }
        String answer;
        try {
            Class.forName(name, false, ClassProbeHandler.class.getClassLoader());
            answer = "visible";
        } catch (ClassNotFoundException | LinkageError e) {
            answer = "invisible";
        }
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write(answer);
    }
}
