package samples.session;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;
import io.lido.api.HttpSessionState;
import io.lido.api.RequiresSessionState;

/**
 * Counts the requests of one session: answers {@code count=N new=true|false}. It writes the session, so it
 * holds its session exclusively for the request.
 */
public final class CounterHandler implements HttpHandler, RequiresSessionState {

    /** The session key of the counter (an Integer: a StateServer-safe type). */
    public static final String COUNT_KEY = "count";

    @Override
    public void processRequest(HttpContext context) {
        HttpSessionState session = context.session();
        int count = increment(session);
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write("count=" + count + " new=" + session.isNewSession());
    }

    /** Adds one to the session's counter and returns the new value. */
    static int increment(HttpSessionState session) {
        int count = session.get(COUNT_KEY) instanceof Integer n ? n + 1 : 1;
        session.set(COUNT_KEY, count);
        return count;
    }
}
