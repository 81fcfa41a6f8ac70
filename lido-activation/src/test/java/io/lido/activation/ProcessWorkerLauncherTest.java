package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ConfigLoader;
import io.lido.ipc.frame.ConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessWorkerLauncherTest {
    @TempDir
    Path dir;

    @Test
    void commandLineHasThePoolOptionsLidoFlagsTheHostClassPathAndTheWorkerArguments() {
        PoolSettings settings = new PoolSettings();
        settings.jvmOptions = "-Xmx64m -Dgreeting='hello world'";
        ProcessWorkerLauncher launcher = new ProcessWorkerLauncher(dir.resolve("run"), dir.resolve("logs"), "/jdk/bin/java",
                "/lido/lib/*", false);

        assertThat(launcher.command(settings.build(), Path.of("/run/p-1.sock"), Optional.empty())).containsExactly(
                "/jdk/bin/java", "-Xmx64m", "-Dgreeting=hello world",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline,io.lido.runtime.internal.RequestPipeline::execute",
                "-XX:ErrorFile=" + dir.resolve("logs/AppPools/TestPool/dumps/hs_err_pid%p.log"),
                "-XX:HeapDumpPath=" + dir.resolve("logs/AppPools/TestPool/dumps"),
                "-cp", "/lido/lib/*", "io.lido.worker.WorkerMain",
                "--pool", "TestPool", "--socket", "/run/p-1.sock");
    }

    @Test
    void crashFilesGoToThePoolsDumpsFolderUnlessItsJvmOptionsSayWhere() {
        Path dumps = dir.resolve("logs/AppPools/P/dumps");
        assertThat(CrashFiles.flags(dumps, List.of("-XX:+HeapDumpOnOutOfMemoryError")))
                .containsExactly("-XX:ErrorFile=" + dumps.resolve("hs_err_pid%p.log"), "-XX:HeapDumpPath=" + dumps);
        assertThat(CrashFiles.flags(dumps, List.of("-XX:ErrorFile=/var/crash/w.log", "-XX:HeapDumpPath=/var/heap")))
                .isEmpty();
    }


    @Test
    void aWorkerTrainsOrStartsFromTheAotCacheOfItsJvmUnlessThePoolSaysOtherwise() throws Exception {
        Path jar = Files.writeString(dir.resolve("lib.jar"), "a jar");
        ProcessWorkerLauncher launcher = new ProcessWorkerLauncher(dir.resolve("run"), dir.resolve("logs"), "/jdk/bin/java",
                jar.toString(), false,
                Optional.of(new AotCache(dir.resolve("aot"), java.time.Clock.systemUTC(), java.time.Duration.ZERO)));
        PoolSettings settings = new PoolSettings();
        List<String> options = List.of("-Xmx64m");

        assertThat(launcher.aotLaunch(settings.build(), options, Optional.empty())).isInstanceOf(AotLaunch.Train.class);
        assertThat(launcher.aotLaunch(settings.build(), List.of("-Xmx64m", "-XX:AOTCache=/mine.aot"), Optional.empty()))
                .as("the pool's own cache option wins").isInstanceOf(AotLaunch.None.class);
        settings.jvmAotCache = false;
        assertThat(launcher.aotLaunch(settings.build(), List.of("-Xmx32m"), Optional.empty()))
                .as("jvmAotCache=false").isInstanceOf(AotLaunch.None.class);
        ProcessWorkerLauncher classFolders = new ProcessWorkerLauncher(dir.resolve("run"), dir.resolve("logs"), "/jdk/bin/java",
                dir.toString(), false,
                Optional.of(new AotCache(dir.resolve("aot"), java.time.Clock.systemUTC(), java.time.Duration.ZERO)));
        assertThat(classFolders.aotLaunch(new PoolSettings().build(), List.of("-Xmx16m"), Optional.empty()))
                .as("a class path of folders").isInstanceOf(AotLaunch.None.class);
    }

    @Test
    void aNamedUserRunsTheWorkerThroughSetprivWhenTheHostIsRoot() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "web:x:1001:1002::/home/web:/bin/sh\n");
        ApplicationPoolConfig pool = withUser(new PoolSettings().build(), "web");

        WorkerIdentity identity = WorkerIdentity.of(pool, true, passwd).orElseThrow();
        assertThat(identity.commandPrefix()).containsExactly("setpriv", "--reuid=1001", "--regid=1002",
                "--init-groups", "--");
        assertThat(WorkerIdentity.of(pool, false, passwd)).as("only root can switch users").isEmpty();
        assertThatThrownBy(() -> WorkerIdentity.of(withUser(pool, "nobody-here"), true, passwd))
                .hasMessageContaining("userName 'nobody-here' is not a user");
    }

    @Test
    void aWorkerReceivesItsPoolsPartOfTheLastConfigurationTheHostLoaded() throws Exception {
        ProcessWorkerLauncher launcher = new ProcessWorkerLauncher(dir.resolve("run"), dir.resolve("logs"),
                "/jdk/bin/java", "/lido/lib/*", false);
        ApplicationPoolConfig pool = new PoolSettings().build();
        assertThatThrownBy(() -> launcher.workerConfiguration(pool)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no configuration to give the workers of application pool 'TestPool' yet");

        Path file = Files.createDirectories(dir.resolve("conf")).resolve("applicationHost.config");
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(file, """
                <configuration><system.applicationHost>
                  <applicationPools><add name="TestPool" /><add name="Other" jvmOptions="-Dother" /></applicationPools>
                  <sites><site name="S" id="1"><application path="/" applicationPool="TestPool">
                    <virtualDirectory path="/" physicalPath="../www" /></application></site></sites>
                </system.applicationHost></configuration>
                """);
        launcher.configure(ConfigLoader.load(file));
        // The file may change (or break) afterwards: the worker gets what the host loaded.
        Files.writeString(file, "<configuration>");
        ConfigCodec.WorkerConfiguration sent = launcher.workerConfiguration(pool);
        assertThat(sent.file()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(sent.text()).contains("TestPool", dir.resolve("www").toString()).doesNotContain("Other", "-Dother");
    }

    @Test
    void socketNamesAreShortAndDistinct() {
        String name = ProcessWorkerLauncher.socketName("A very long application pool name indeed", 12);
        assertThat(name.length()).isLessThan(40);
        assertThat(ProcessWorkerLauncher.socketName("Pool A", 1)).isNotEqualTo(ProcessWorkerLauncher.socketName("Pool_A", 1));
    }

    @Test
    void exitStatusNamesTheSignal() {
        assertThat(ExitStatus.describe(137)).isEqualTo("exit code 137, signal 9 (SIGKILL)");
        assertThat(ExitStatus.describe(3)).isEqualTo("exit code 3");
    }

    private static ApplicationPoolConfig withUser(ApplicationPoolConfig c, String user) {
        ApplicationPoolConfig.ProcessModel m = c.processModel();
        return new ApplicationPoolConfig(c.name(), c.queueLength(), c.autoStart(), c.alwaysRunning(),
                c.classicPipeline(), c.hostingModel(), c.jvmOptions(),
                new ApplicationPoolConfig.ProcessModel(m.idleTimeout(), m.maxProcesses(), m.pingingEnabled(),
                        m.pingInterval(), m.pingResponseTime(), m.startupTimeLimit(), m.shutdownTimeLimit(),
                        "SpecificUser", user),
                c.recycling(), c.failure(), c.environmentVariables(), c.location());
    }
}
