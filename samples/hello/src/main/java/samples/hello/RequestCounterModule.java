package samples.hello;

import io.lido.api.HttpApplication;
import io.lido.api.HttpContext;
import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;

/**
 * Counts the application's requests and reports, on every response of the application:
 * <ul>
 *   <li>{@value #COUNT_HEADER}: this request's number, counted in application state under
 *       {@value #COUNT_KEY} (shared by every pooled {@link HttpApplication} instance);</li>
 *   <li>{@value #ELAPSED_HEADER}: microseconds from BeginRequest to the moment the headers leave.</li>
 * </ul>
 *
 * <p>Registered in web.config with {@code <modules><add name="RequestCounter"
 * type="samples.hello.RequestCounterModule"/></modules>}. Lido creates one module instance per pooled
 * application instance and calls {@link #init} once on it; the subscriptions made there are fixed.
 * The headers are set at PreSendRequestHeaders, the last moment before they are sent, so they are on
 * every response, including static files and error pages, whichever step produced it.
 */
public final class RequestCounterModule implements HttpModule {

    /** The response header carrying the request number. */
    public static final String COUNT_HEADER = "X-Hello-Requests";
    /** The response header carrying the time taken so far, in microseconds. */
    public static final String ELAPSED_HEADER = "X-Elapsed-Us";
    /** The application state key of the counter (a {@link Long}). */
    public static final String COUNT_KEY = "hello.requests";

    private static final String START_ITEM = "hello.t0";
    private static final String NUMBER_ITEM = "hello.number";

    @Override
    public void init(HttpApplication application) {
        application.on(PipelineEvent.BEGIN_REQUEST, RequestCounterModule::beginRequest);
        application.on(PipelineEvent.PRE_SEND_REQUEST_HEADERS, RequestCounterModule::preSendRequestHeaders);
    }

    private static void beginRequest(HttpContext context) {
        context.items().put(START_ITEM, System.nanoTime());
        // compute() is atomic, so concurrent requests on different instances never share a number.
        Object number = context.application().compute(COUNT_KEY, old -> old == null ? 1L : (Long) old + 1);
        context.items().put(NUMBER_ITEM, number);
    }

    private static void preSendRequestHeaders(HttpContext context) {
        Object number = context.items().get(NUMBER_ITEM);
        if (number != null) {
            context.response().header(COUNT_HEADER, number.toString());
        }
        if (context.items().get(START_ITEM) instanceof Long start) {
            long micros = (System.nanoTime() - start) / 1_000;
            context.response().header(ELAPSED_HEADER, Long.toString(micros));
        }
    }
}
