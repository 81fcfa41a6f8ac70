package samples.session;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;
import io.lido.api.RequiresSessionState;

/**
 * A {@link Rendezvous} for a handler that writes the session: it counts the request in the session, then
 * waits for its partner while holding the session. Two such requests of one session never meet.
 */
public final class MeetingWriterHandler implements HttpHandler, RequiresSessionState {

    @Override
    public void processRequest(HttpContext context) throws InterruptedException {
        CounterHandler.increment(context.session());
        Rendezvous.meet(context);
    }
}
