package io.lido.server;

import io.lido.activation.PoolErrorLog;
import io.lido.listener.log.HttpSysReasons;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reasons the application pools put in the listener's httperr log are HTTP.sys tokens. */
class PoolErrorRecorderTest {

    @Test
    void everyPoolReasonIsInHttpSysVocabulary() throws Exception {
        List<String> reasons = new ArrayList<>();
        for (Field f : PoolErrorLog.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                reasons.add((String) f.get(null));
            }
        }
        assertThat(reasons).hasSize(8).allSatisfy(r -> assertThat(HttpSysReasons.VOCABULARY).contains(r));
    }
}
