package io.lido.runtime.internal;

import io.lido.api.PipelineEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutingRequestsTest {

    @Test
    void stagesHaveTheirIisNames() {
        assertThat(ExecutingRequests.stageName(PipelineEvent.BEGIN_REQUEST)).isEqualTo("BeginRequest");
        assertThat(ExecutingRequests.stageName(PipelineEvent.POST_AUTHORIZE_REQUEST)).isEqualTo("PostAuthorizeRequest");
        assertThat(ExecutingRequests.stageName(PipelineEvent.PRE_SEND_REQUEST_HEADERS))
                .isEqualTo("PreSendRequestHeaders");
        assertThat(ExecutingRequests.stageName(ExecutingRequests.EXECUTE_HANDLER)).isEqualTo("ExecuteRequestHandler");
        assertThat(ExecutingRequests.stageName(null)).as("before the first step").isEqualTo("BeginRequest");
    }

    @Test
    void nothingIsListedWhenNothingRuns() {
        assertThat(ExecutingRequests.snapshot(Long.MAX_VALUE, System.currentTimeMillis())).isEmpty();
    }
}
