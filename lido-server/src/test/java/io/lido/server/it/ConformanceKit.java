package io.lido.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the external conformance kit's run.py (found by {@link ConformanceKitLocation}): makes its fixture and
 * runs it against a port.
 */
final class ConformanceKit {
    private final Path runPy;

    private ConformanceKit(Path runPy) {
        this.runPy = runPy;
    }

    /** One case's outcome, as run.py's {@code --json} reports it. */
    record CaseResult(String id, String category, String expect, String verdict, String fails, String statuses) {
    }

    /** The whole run: the score and every case. */
    record Run(int passed, int failed, int skipped, boolean aliveAfter, List<CaseResult> cases, String output) {
        List<CaseResult> failures() {
            return cases.stream().filter(c -> !c.verdict().equals("pass")).toList();
        }
    }

    /** The kit whose run.py is at this path ({@link ConformanceKitLocation} finds it). */
    static ConformanceKit at(Path runPy) {
        return new ConformanceKit(runPy);
    }

    /** {@code run.py --make-fixture dir}: dir/www (the static root) and dir/kit-canary.txt. */
    void makeFixture(Path dir) {
        String output = python(dir, Duration.ofSeconds(60), 0, runPy.toString(), "--make-fixture", dir.toString());
        if (!Files.isRegularFile(dir.resolve("www/hello.txt"))) {
            throw new IllegalStateException("run.py --make-fixture did not create " + dir.resolve("www") + ":\n"
                    + output);
        }
    }

    /** Runs every case against 127.0.0.1:port; {@code work} receives out.json and the console output. */
    Run run(int port, String bodyPath, Path work) {
        Path json = work.resolve("out.json");
        // run.py exits 1 when any case failed: the caller judges the score, so only 2 and up are errors.
        String output = python(work, Duration.ofMinutes(10), 1, runPy.toString(), "--port", Integer.toString(port),
                "--body-path", bodyPath, "--max-time", "480", "--json", json.toString());
        if (!Files.isRegularFile(json)) {
            throw new IllegalStateException("run.py wrote no results:\n" + output);
        }
        return parse(json, output, work);
    }

    // run.py is stdlib Python; so is this flattening of its JSON into tab-separated lines for Java to read.
    private Run parse(Path json, String output, Path work) {
        String script = """
                import json, sys
                d = json.load(open(sys.argv[1]))
                print("%d\\t%d\\t%d\\t%s" % (d["passed"], d["failed"], d["skipped"], d["alive_after"]))
                for r in d["results"]:
                    clean = lambda s: s.replace("\\t", " ").replace("\\n", " ")
                    print("\\t".join([r["id"], r["category"], r["expect"], r["verdict"],
                                     clean(" | ".join(r["fails"])) or "-",
                                     ",".join(str(s) for s in r.get("statuses", [])) or "-"]))
                """;
        String flat = python(work, Duration.ofSeconds(60), 0, "-c", script, json.toString());
        List<String> lines = flat.lines().toList();
        String[] score = lines.getFirst().split("\t");
        List<CaseResult> cases = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            cases.add(new CaseResult(f[0], f[1], f[2], f[3], f[4], f[5]));
        }
        return new Run(Integer.parseInt(score[0]), Integer.parseInt(score[1]), Integer.parseInt(score[2]),
                Boolean.parseBoolean(score[3]), cases, output);
    }

    private static String python(Path work, Duration timeout, int highestNormalExit, String... arguments) {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile(work, "python", ".out");
            Process process = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("python3 " + arguments[0] + " did not finish within " + timeout
                        + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() > highestNormalExit) {
                throw new IllegalStateException("python3 " + String.join(" ", arguments).lines().findFirst()
                        .orElse("") + " exited with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run python3 (the conformance kit needs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the conformance kit", e);
        }
    }
}
