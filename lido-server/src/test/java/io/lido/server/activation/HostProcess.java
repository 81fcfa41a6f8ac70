package io.lido.server.activation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The distribution ({@code lido.dist}, built in the package phase) started as a host process with
 * {@code bin/lido run --config FILE}: its output, port, worker processes (its children), the
 * {@code lido} CLI against it, and HTTP requests to it.
 */
public final class HostProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Lido listening on http://127\\.0\\.0\\.1:(\\d+)/");

    private final Path config;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    private HostProcess(Path config, Process process) {
        this.config = config;
        this.process = process;
        Thread.ofVirtual().start(this::pump);
        port = Integer.parseInt(awaitLine(LISTENING, Duration.ofSeconds(30)).group(1));
    }

    /** Starts the host on a configuration; {@code extraEnv} e.g. LIDO_JAVA_OPTS. */
    public static HostProcess start(Path config, Map<String, String> extraEnv) throws IOException {
        return start(dist(), config, extraEnv);
    }

    /**
     * Starts {@code bin/lido run} of a distribution (a copy of it, for a test that writes into it). The host
     * starts without its JDK AOT cache unless {@code extraEnv} sets {@code LIDO_AOT}: each start would otherwise
     * train it and write it at exit, seconds and 30 MB per test (HostAotCacheIT covers the cache). On-demand pools
     * train their workers' cache with their first request rather than ahead of it unless {@code extraEnv} sets
     * {@code LIDO_AOT_PRETRAIN}, so that a test sees only the workers its requests start (AotCacheIT covers it).
     */
    public static HostProcess start(Path distribution, Path config, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/lido").toString(), "run", "--config",
                config.toString(), "--drain-timeout", "5").redirectErrorStream(true);
        builder.environment().put("LIDO_AOT", "0");
        builder.environment().put("LIDO_AOT_PRETRAIN", "0");
        builder.environment().putAll(extraEnv);
        return new HostProcess(config, builder.start());
    }

    public static Path dist() {
        Path dist = Path.of(System.getProperty("lido.dist", "target/lido"));
        if (!Files.isExecutable(dist.resolve("bin/lido"))) {
            throw new IllegalStateException("no distribution at " + dist.toAbsolutePath() + ": run through Maven verify");
        }
        return dist;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e + ")");
        }
    }

    /** Waits for an output line matching the pattern (searching everything printed so far). */
    public Matcher awaitLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive() && output.stream().noneMatch(l -> pattern.matcher(l).find())) {
                sleep(100);
                if (output.stream().noneMatch(l -> pattern.matcher(l).find())) {
                    throw new AssertionError("host exited (" + process.exitValue() + ") before printing " + pattern
                            + ":\n" + String.join("\n", output));
                }
            }
            sleep(50);
        }
        throw new AssertionError("no line matching " + pattern + " within " + timeout + ":\n" + String.join("\n", output));
    }

    /** How many output lines contain the text. */
    public long count(String text) {
        return output.stream().filter(l -> l.contains(text)).count();
    }

    public String output() {
        return String.join("\n", output);
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /**
     * A process's whole command line, its arguments separated by spaces, from {@code /proc/<pid>/cmdline}.
     * {@code ProcessHandle.Info.arguments()} is empty for a command line longer than a page, which a worker's
     * class path of some sixty jars is.
     */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("process " + pid + " is gone", e);
        }
    }

    /** The worker processes: the host's live child processes. */
    public List<ProcessHandle> workers() {
        return process.toHandle().children().filter(ProcessHandle::isAlive).toList();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, Duration.ofSeconds(30));
    }

    public HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpClient client() {
        return client;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Runs {@code bin/lido ARGS --config FILE} and returns its exit status and output. */
    public CliResult cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dist().resolve("bin/lido").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(30, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new AssertionError("lido " + String.join(" ", args) + " did not finish");
        }
        return new CliResult(cli.exitValue(), text);
    }

    public record CliResult(int status, String output) {
    }

    /** Copies a folder of the distribution (keeping modes and times), for a test that needs a copy of its own. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * What one worker printed: the lines of {@code <logs>/AppPools/<pool>/<pool>.log} that the host prefixed with
     * the worker's pid (the pool's log holds every worker's output), without the prefix.
     */
    public static String workerLog(Path logs, String pool, long pid) throws IOException {
        String prefix = "[" + pid + "] ";
        StringBuilder lines = new StringBuilder();
        for (String line : Files.readAllLines(logs.resolve("AppPools").resolve(pool).resolve(pool + ".log"))) {
            if (line.startsWith(prefix)) {
                lines.append(line, prefix.length(), line.length()).append('\n');
            }
        }
        return lines.toString();
    }

    /** Everything in the httperr files under a logs folder ("" while there are none). */
    public static String readHttpErr(Path logs) {
        try (Stream<Path> files = Files.walk(logs)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().contains("HTTPERR") && Files.isRegularFile(f)).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            return "";
        }
    }

    public static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGKILL to the host and its workers, as a crash or an OOM killer would; waits for the host to exit. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the host did not die on SIGKILL");
        }
    }

    /**
     * SIGTERM, then waits for a graceful exit (kills it if it hangs, and fails). Throws no InterruptedException, which
     * javac's lint reports for every try-with-resources of an AutoCloseable that does.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        // SIGTERM through the handle: Process.destroy() would also close our end of the host's output, and a JVM
        // that writes its AOT cache at exit (HostAotCacheIT) reports on it.
        process.toHandle().destroy();
        boolean exited;
        try {
            exited = process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while the host stopped", e);
        }
        if (!exited) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
        if (!exited) {
            throw new AssertionError("the host did not stop on SIGTERM:\n" + output());
        }
    }
}
