package samples.isolation.a;

import io.lido.api.HttpApplication;

import java.util.UUID;

/**
 * The Global class of isolation A: gives each start of the application (each application domain) an id
 * of its own, kept in application state under {@value #DOMAIN_KEY}, so a client can tell which domain
 * served it; a restart on a deployment shows up as a new id.
 */
public class Global extends HttpApplication {

    /** The application state key holding this domain's id (a String). */
    public static final String DOMAIN_KEY = "isolation.domain";

    private static final System.Logger LOG = System.getLogger(Global.class.getName());

    @Override
    public void onStart() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        application().set(DOMAIN_KEY, id);
        LOG.log(System.Logger.Level.INFO, "isolation A started as domain {0}", id);
    }

    @Override
    public void onEnd() {
        LOG.log(System.Logger.Level.INFO, "isolation A domain {0} ending", application().get(DOMAIN_KEY));
    }
}
