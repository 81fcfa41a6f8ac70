package samples.session;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;
import io.lido.api.ReadOnlySessionState;

/** A {@link Rendezvous} for a read-only session handler: two such requests of one session meet. */
public final class MeetingReaderHandler implements HttpHandler, ReadOnlySessionState {

    @Override
    public void processRequest(HttpContext context) throws InterruptedException {
        Rendezvous.meet(context);
    }
}
