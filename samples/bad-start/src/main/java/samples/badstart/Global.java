package samples.badstart;

import io.lido.api.HttpApplication;

/**
 * A Global class whose start hook always throws: deploying it must never take a working application
 * down (the new domain is discarded, the previous one keeps serving), and an application with nothing
 * else to run answers 503 with this error.
 */
public class Global extends HttpApplication {

    /** The message of the exception {@link #onStart()} throws; tests look for it in logs and pages. */
    public static final String MESSAGE = "bad-start sample: this application refuses to start";

    @Override
    public void onStart() {
        throw new IllegalStateException(MESSAGE);
    }
}
