package samples.session;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;
import io.lido.api.ReadOnlySessionState;

/**
 * Reads the session's counter without changing it: answers {@code count=N} (0 without a session). A
 * read-only handler shares its session with other read-only requests.
 */
public final class PeekHandler implements HttpHandler, ReadOnlySessionState {

    @Override
    public void processRequest(HttpContext context) {
        Object count = context.session() == null ? null : context.session().get(CounterHandler.COUNT_KEY);
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write("count=" + (count == null ? 0 : count));
    }
}
