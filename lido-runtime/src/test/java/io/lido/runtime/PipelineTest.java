package io.lido.runtime;

import io.lido.api.HttpApplication;
import io.lido.api.HttpException;
import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest extends RuntimeTestBase {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Subscribes to every event and records it; {@code action} may act on a given event. */
    private HttpModule recorder(BiConsumer<PipelineEvent, io.lido.api.HttpContext> action) {
        return new HttpModule() {
            @Override
            public void init(HttpApplication application) {
                for (PipelineEvent event : PipelineEvent.values()) {
                    application.on(event, ctx -> {
                        log.add(event.name());
                        action.accept(event, ctx);
                    });
                }
            }
        };
    }

    private void start(BiConsumer<PipelineEvent, io.lido.api.HttpContext> action) {
        harness = new RuntimeHarness(dir, "/");
        harness.catalog.module("Recorder", () -> recorder(action));
        harness.catalog.staticHandler(ctx -> {
            log.add("HANDLER");
            ctx.response().write("hi");
        });
        harness.start();
    }


    private static List<String> steps() {
        return Arrays.stream(PipelineEvent.values()).filter(PipelineEvent::isStep).map(Enum::name).toList();
    }

    @Test
    void raisesEveryStepInOrderWithTheHandlerBetweenPreAndPostExecute() {
        start((e, ctx) -> { });
        CapturedResponse response = harness.get("/page");

        List<String> expected = new ArrayList<>(steps());
        expected.add(expected.indexOf("POST_REQUEST_HANDLER_EXECUTE"), "HANDLER");
        // The small body is buffered, so headers and content go out when the request ends.
        expected.add("PRE_SEND_REQUEST_HEADERS");
        expected.add("PRE_SEND_REQUEST_CONTENT");
        assertThat(log).containsExactlyElementsOf(expected);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hi");
    }

    @Test
    void completeRequestSkipsToLogRequestPostLogRequestAndEndRequest() {
        start((e, ctx) -> {
            if (e == PipelineEvent.AUTHENTICATE_REQUEST) {
                ctx.response().write("done early");
                ctx.applicationInstance().completeRequest();
            }
        });
        CapturedResponse response = harness.get("/page");

        assertThat(log).containsExactly("BEGIN_REQUEST", "AUTHENTICATE_REQUEST", "LOG_REQUEST", "POST_LOG_REQUEST",
                "END_REQUEST", "PRE_SEND_REQUEST_HEADERS", "PRE_SEND_REQUEST_CONTENT");
        assertThat(response.body()).isEqualTo("done early");
    }

    @Test
    void anExceptionRaisesErrorThenRunsOnlyTheEndSteps() {
        start((e, ctx) -> {
            if (e == PipelineEvent.AUTHORIZE_REQUEST) {
                throw new IllegalStateException("denied by test");
            }
            if (e == PipelineEvent.ERROR) {
                assertThat(ctx.error()).hasMessage("denied by test");
            }
        });
        CapturedResponse response = harness.get("/page");

        assertThat(log).containsExactly("BEGIN_REQUEST", "AUTHENTICATE_REQUEST", "POST_AUTHENTICATE_REQUEST",
                "AUTHORIZE_REQUEST", "ERROR", "LOG_REQUEST", "POST_LOG_REQUEST", "END_REQUEST",
                "PRE_SEND_REQUEST_HEADERS", "PRE_SEND_REQUEST_CONTENT");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("HTTP Error 500.0 - Internal Server Error", "denied by test",
                "Recorder", "AUTHORIZE_REQUEST");
    }

    @Test
    void anErrorSubscriberCanClearTheError() {
        start((e, ctx) -> {
            if (e == PipelineEvent.BEGIN_REQUEST) {
                throw new IllegalArgumentException("recoverable");
            }
            if (e == PipelineEvent.ERROR) {
                ctx.clearError();
                ctx.response().write("handled: " + e);
            }
        });
        CapturedResponse response = harness.get("/page");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("handled: ERROR");
        assertThat(log).doesNotContain("HANDLER").contains("LOG_REQUEST", "END_REQUEST");
    }

    @Test
    void httpExceptionAnswersItsStatusAndSubStatus() {
        start((e, ctx) -> {
            if (e == PipelineEvent.BEGIN_REQUEST) {
                throw new HttpException(404, 8, "hidden segment");
            }
        });
        CapturedResponse response = harness.get("/bin/x.jar");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.subStatus()).isEqualTo(8);
        assertThat(response.body()).contains("HTTP Error 404.8 - Not Found");
    }

    @Test
    void modulesAreCalledOnlyForTheEventsTheySubscribeTo() {
        harness = new RuntimeHarness(dir, "/");
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        harness.catalog.module("BeginOnly", () -> app -> app.on(PipelineEvent.BEGIN_REQUEST, ctx -> calls.add("begin")));
        harness.catalog.module("EndOnly", () -> app -> app.on(PipelineEvent.END_REQUEST, ctx -> calls.add("end")));
        harness.start();

        harness.get("/a");
        harness.get("/b");

        assertThat(calls).containsExactly("begin", "end", "begin", "end");
    }

    @Test
    void mapRequestHandlerSubscribersSeeTheMappedHandlerAndMayReplaceIt() {
        start((e, ctx) -> {
            if (e == PipelineEvent.MAP_REQUEST_HANDLER) {
                assertThat(ctx.handler()).isNotNull();
                ctx.handler(c -> c.response().write("replaced"));
            }
        });
        CapturedResponse response = harness.get("/page");

        assertThat(response.body()).isEqualTo("replaced");
        assertThat(log).doesNotContain("HANDLER");
    }

    @Test
    void aHandlerSetBeforeMapRequestHandlerIsNotRemapped() {
        start((e, ctx) -> {
            if (e == PipelineEvent.POST_RESOLVE_REQUEST_CACHE) {
                ctx.handler(c -> c.response().write("remapped early"));
            }
        });
        assertThat(harness.get("/page").body()).isEqualTo("remapped early");
    }

    @Test
    void theHandlerCannotBeReplacedAfterPreRequestHandlerExecute() {
        start((e, ctx) -> {
            if (e == PipelineEvent.POST_REQUEST_HANDLER_EXECUTE) {
                ctx.handler(c -> { });
            }
        });
        CapturedResponse response = harness.get("/page");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("IllegalStateException", "PreRequestHandlerExecute");
    }

    @Test
    void preSendHeadersFiresBeforeTheHeadIsCommittedOnFlush() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        harness = new RuntimeHarness(dir, "/");
        harness.catalog.module("Headers", () -> app -> {
            app.on(PipelineEvent.PRE_SEND_REQUEST_HEADERS, ctx -> {
                order.add("headers:" + ctx.response().isCommitted());
                ctx.response().header("X-Added", "late");
            });
            app.on(PipelineEvent.PRE_SEND_REQUEST_CONTENT, ctx -> order.add("content:" + ctx.response().isCommitted()));
        });
        harness.catalog.staticHandler(ctx -> {
            ctx.response().write("part1");
            ctx.response().flush();
            order.add("flushed");
            ctx.response().write("part2");
        });
        harness.start();
        CapturedResponse response = harness.get("/page");

        assertThat(order).containsExactly("headers:false", "content:true", "flushed");
        assertThat(response.header("X-Added")).isEqualTo("late");
        assertThat(response.header("Content-Length")).isNull();
        assertThat(response.body()).isEqualTo("part1part2");
    }

    @Test
    void aFailingPreSendHeadersSubscriberStillGetsA500Page() {
        harness = new RuntimeHarness(dir, "/");
        harness.catalog.module("BadHeaders", () -> app -> app.on(PipelineEvent.PRE_SEND_REQUEST_HEADERS, ctx -> {
            throw new IllegalStateException("header module broke");
        }));
        harness.catalog.staticHandler(ctx -> {
            ctx.response().write("x".repeat(20_000));
            ctx.response().write("never sent");
        });
        harness.start();
        CapturedResponse response = harness.get("/page");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("header module broke", "BadHeaders", "PRE_SEND_REQUEST_HEADERS")
                .doesNotContain("never sent");
    }
}
