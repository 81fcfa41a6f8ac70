package io.lido.server.domains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample jars copied by the build to {@code lido.sample.apps} (see lido-server's pom), and the
 * application folders the tests assemble from them: {@code bin/*.jar} plus a {@code web.config}.
 */
final class SampleApps {
    /** Application A's web.config: its Global class and handlers /greeting, /probe and /slow. */
    static final String ISOLATION_A_CONFIG = """
            <configuration>
              <system.web><httpApplication type="samples.isolation.a.Global" /></system.web>
              <system.webServer>
                <handlers>
                  <add name="Greeting" path="greeting" verb="GET" type="samples.isolation.a.GreetingHandler" />
                  <add name="Probe" path="probe" verb="GET" type="samples.isolation.a.ClassProbeHandler" />
                  <add name="Slow" path="slow" verb="GET" type="samples.isolation.a.SlowHandler" />
                </handlers>
              </system.webServer>
            </configuration>
            """;
    /** Application B's web.config: handler /greeting. */
    static final String ISOLATION_B_CONFIG = """
            <configuration>
              <system.webServer>
                <handlers>
                  <add name="Greeting" path="greeting" verb="GET" type="samples.isolation.b.GreetingHandler" />
                </handlers>
              </system.webServer>
            </configuration>
            """;
    /** The session counter's web.config: its handlers /count, /peek, /meet-write, /meet-read and /meet. */
    static final String SESSION_COUNTER_CONFIG = """
            <configuration>
              <system.webServer>
                <handlers>
                  <add name="Count" path="count" verb="GET" type="samples.session.CounterHandler" />
                  <add name="Peek" path="peek" verb="GET" type="samples.session.PeekHandler" />
                  <add name="MeetWrite" path="meet-write" verb="GET" type="samples.session.MeetingWriterHandler" />
                  <add name="MeetRead" path="meet-read" verb="GET" type="samples.session.MeetingReaderHandler" />
                  <add name="Meet" path="meet" verb="GET" type="samples.session.MeetingHandler" />
                </handlers>
              </system.webServer>
            </configuration>
            """;
    /** A web.config naming the Global class of the bad-start sample, which throws from onStart. */
    static final String BAD_START_CONFIG = """
            <configuration>
              <system.web><httpApplication type="samples.badstart.Global" /></system.web>
            </configuration>
            """;
    /** The message the bad-start sample's Global throws (samples.badstart.Global.MESSAGE). */
    static final String BAD_START_MESSAGE = "bad-start sample: this application refuses to start";

    private SampleApps() {
    }

    /** The bytes of sample jar NAME (e.g. "greeting-lib-1"). */
    static byte[] jar(String name) throws IOException {
        Path dir = Path.of(System.getProperty("lido.sample.apps", "target/sample-apps"));
        Path jar = dir.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no sample jar " + jar.toAbsolutePath() + ": run through Maven verify");
        }
        return Files.readAllBytes(jar);
    }

    /** Application A with greeting library {@code lib} (1 or 2) as {@code root/bin/greeting.jar}. */
    static void isolationA(Path root, int lib) throws IOException {
        write(root, ISOLATION_A_CONFIG, "isolation-a", "greeting-lib-" + lib);
    }

    /** Application B with greeting library version 2. */
    static void isolationB(Path root) throws IOException {
        write(root, ISOLATION_B_CONFIG, "isolation-b", "greeting-lib-2");
    }

    /** The session counter sample. */
    static void sessionCounter(Path root) throws IOException {
        write(root, SESSION_COUNTER_CONFIG, "session-counter");
    }

    /** An application with nothing but the bad-start sample. */
    static void badStart(Path root) throws IOException {
        write(root, BAD_START_CONFIG, "bad-start");
    }

    /** Overwrites {@code root/bin/greeting.jar} in place with greeting library {@code lib}. */
    static void replaceGreetingLibrary(Path root, int lib) throws IOException {
        Files.write(root.resolve("bin/greeting.jar"), jar("greeting-lib-" + lib));
    }

    private static void write(Path root, String webConfig, String... jars) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        for (String name : jars) {
            // Library jars get a stable name, so a later deployment overwrites the same file.
            String file = name.startsWith("greeting-lib-") ? "greeting.jar" : name + ".jar";
            Files.write(root.resolve("bin").resolve(file), jar(name));
        }
        Files.writeString(root.resolve("web.config"), webConfig);
    }
}
