package io.lido.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample application (samples/hello, from its real jar) served by the real server over a socket. */
class HelloSampleTest {

    @TempDir
    Path dir;

    @Test
    void helloHandlerAnswersThroughTheModuleAndCountsRequests() {
        try (LidoTestServer lido = LidoTestServer.in(dir).sampleApplication().start()) {
            HttpResponse<String> first = lido.get("/hello");
            HttpResponse<String> second = lido.get("/hello");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("Hello, World!");
            assertThat(first.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(first.headers().firstValue("X-Elapsed-Us")).hasValueSatisfying(
                    micros -> assertThat(Long.parseLong(micros)).isNotNegative());
            long n1 = Long.parseLong(first.headers().firstValue("X-Hello-Requests").orElseThrow());
            long n2 = Long.parseLong(second.headers().firstValue("X-Hello-Requests").orElseThrow());
            assertThat(n2).isEqualTo(n1 + 1);
        }
    }

    @Test
    void concurrentRequestsGetDistinctNumbersFromTheSharedApplicationState() throws Exception {
        try (LidoTestServer lido = LidoTestServer.in(dir).sampleApplication().start()) {
            int requests = 24;
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> lido.get("/hello").headers().firstValue("X-Hello-Requests").orElseThrow());
            }
            List<Long> numbers = new ArrayList<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
                for (Future<String> number : clients.invokeAll(calls)) {
                    numbers.add(Long.parseLong(number.get()));
                }
            }

            // Requests run on several pooled application instances at once; the count lives in
            // application state, so every request got its own number.
            assertThat(numbers).doesNotHaveDuplicates().allMatch(n -> n >= 1 && n <= requests);
        }
    }

    @Test
    void headGetsTheHeadersWithoutABody() {
        try (LidoTestServer lido = LidoTestServer.in(dir).sampleApplication().start()) {
            HttpResponse<String> head = lido.send(HttpRequest.newBuilder(lido.uri("/hello"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("Content-Length")).hasValue("13");
            assertThat(head.headers().firstValue("X-Hello-Requests")).isPresent();
        }
    }

    @Test
    void theModuleAlsoSeesStaticFilesOfTheApplication() {
        try (LidoTestServer lido = LidoTestServer.in(dir).sampleApplication()
                .webFile("hello.txt", "static text").start()) {
            HttpResponse<String> file = lido.get("/hello.txt");

            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo("static text");
            assertThat(file.headers().firstValue("X-Hello-Requests")).isPresent();
        }
    }

    @Test
    void postToHelloIsNotAllowed() {
        try (LidoTestServer lido = LidoTestServer.in(dir).sampleApplication().start()) {
            HttpResponse<String> post = lido.send(HttpRequest.newBuilder(lido.uri("/hello"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build());

            assertThat(post.statusCode()).isEqualTo(405);
        }
    }
}
