package samples.session;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/**
 * A {@link Rendezvous} for a handler that needs no session: it meets a writer of the same browser's session,
 * because requests without the session marker never wait for a session lock.
 */
public final class MeetingHandler implements HttpHandler {

    @Override
    public void processRequest(HttpContext context) throws InterruptedException {
        Rendezvous.meet(context);
    }
}
