package io.lido.listener.connection;

import io.lido.listener.codec.Rejection;
import io.lido.listener.log.HttpSysReasons;
import io.lido.listener.log.ListenerError;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every httperr s-reason the listener writes is one HTTP.sys token. */
class HttpErrReasonsTest {

    @Test
    void theVocabularyIsOneTokenEach() {
        assertThat(HttpSysReasons.VOCABULARY).allSatisfy(r -> assertThat(r).matches("[A-Za-z_/]+"));
    }

    @Test
    void everyRejectionHasAReasonFromTheVocabulary() throws Exception {
        List<Rejection> rejections = new ArrayList<>();
        for (Method m : Rejection.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == Rejection.class) {
                Object[] args = Arrays.stream(m.getParameterTypes()).map(t -> "detail with spaces").toArray();
                rejections.add((Rejection) m.invoke(null, args));
            }
        }
        assertThat(rejections).hasSizeGreaterThan(15)
                .allSatisfy(r -> assertThat(HttpSysReasons.VOCABULARY).as(r.toString()).contains(r.reason()));
    }

    @Test
    void everyTimerHasAReasonFromTheVocabulary() {
        assertThat(List.of(ConnectionTimer.IDLE, ConnectionTimer.HEADER_WAIT, ConnectionTimer.ENTITY_BODY,
                ConnectionTimer.DRAIN_ENTITY_BODY, ConnectionTimer.MIN_BYTES_PER_SECOND))
                .allSatisfy(r -> assertThat(HttpSysReasons.VOCABULARY).contains(r));
    }

    @Test
    void aReasonWithADetailKeepsOnlyItsToken() {
        ListenerError e = new ListenerError(Instant.EPOCH, "10.0.0.1", 1, "127.0.0.1", 80, "HTTP/1.1", "GET", "/",
                503, 1, "QueueFull the queue of application pool 'P' is full", "P");
        assertThat(e.reason()).isEqualTo("QueueFull");
        assertThat(HttpSysReasons.token("")).isEqualTo("-");
        assertThat(HttpSysReasons.token(" x")).isEqualTo("-");
        assertThat(HttpSysReasons.token("Version_N/S")).isEqualTo("Version_N/S");
    }
}
