package io.lido.runtime.internal;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/lido and the worker launcher (lido-activation ProcessWorkerLauncher.LIDO_JVM_FLAGS) name
 * {@code io.lido.runtime.internal.RequestPipeline::execute} in a JIT hint; a rename would silently drop the
 * hint and bring back the slow warm-up, so the name is pinned here.
 */
class PipelineJitHintTest {

    @Test
    void theMethodTheJitHintNamesExists() throws Exception {
        Method execute = RequestPipeline.class.getDeclaredMethod("execute", RuntimeContext.class);

        assertThat(RequestPipeline.class.getName()).isEqualTo("io.lido.runtime.internal.RequestPipeline");
        assertThat(Modifier.isStatic(execute.getModifiers())).isFalse();
    }
}
