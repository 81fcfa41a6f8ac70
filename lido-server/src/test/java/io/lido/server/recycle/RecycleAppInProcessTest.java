package io.lido.server.recycle;

import io.lido.server.LidoTestServer;
import io.lido.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lido recycle app} and {@code lido list app} against an in-process application. */
class RecycleAppInProcessTest {
    @TempDir
    Path dir;

    /** Shared by the tests so that the application is compiled once; each domain's id keeps their events apart. */
    @TempDir
    static Path shared;
    private static byte[] jar;

    private static Path events() {
        return shared.resolve("events.txt");
    }

    private LidoTestServer start() {
        if (jar == null) {
            jar = RecycleApp.jar(events());
        }
        return LidoTestServer.in(dir).file("wwwroot/bin/recycle.jar", jar).webConfig(RecycleApp.WEB_CONFIG).start();
    }

    /** Runs a verb the way bin/lido does, against the test server's configuration. */
    private record Cli(int status, String out, String err) {
        static Cli run(LidoTestServer lido, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = Main.commandLine();
            command.setOut(new PrintWriter(out));
            command.setErr(new PrintWriter(err));
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--config", lido.configFile().toString())).toArray(String[]::new);
            return new Cli(command.execute(all), out.toString(), err.toString());
        }
    }

    @Test
    void recycleStartsANewDomainAndEndsTheOldOne() throws Exception {
        Path events = events();
        try (LidoTestServer lido = start()) {
            String first = lido.get("/domain").body().split(" ")[0];

            Cli recycle = Cli.run(lido, "recycle", "app", LidoTestServer.SITE + "/");
            assertThat(recycle.status()).as(recycle.err()).isZero();
            assertThat(recycle.out()).contains("\"Default Web Site/\" successfully recycled (domain generation 2)");

            String second = lido.get("/domain").body().split(" ")[0];
            assertThat(second).isNotEqualTo(first);
            RecycleApp.awaitEvents(events, "start " + first, "start " + second, "end " + first);

            // The site name alone (no slash) is the root application too, in any case.
            Cli bare = Cli.run(lido, "recycle", "app", "default web site");
            assertThat(bare.status()).as(bare.err()).isZero();
            assertThat(bare.out()).contains("(domain generation 3)");
        }
    }

    @Test
    void aNewDomainThatFailsToStartIsReportedAndTheOldOneKeepsServing() throws Exception {
        Path marker = shared.resolve("events.txt.fail");
        try (LidoTestServer lido = start()) {
            String serving = lido.get("/domain").body();
            Files.writeString(marker, "");

            Cli recycle = Cli.run(lido, "recycle", "app", LidoTestServer.SITE + "/");
            assertThat(recycle.status()).isEqualTo(1);
            assertThat(recycle.err()).contains("lido: the new domain of \"Default Web Site/\" failed to start: ")
                    .contains("recycle test: refusing to start (java.lang.IllegalStateException at"
                            + " test.recycle.Global.onStart(Global.java:")
                    .contains("; domain 1 keeps serving")
                    .contains("log: Lido's log (");
            assertThat(lido.get("/domain").body()).isEqualTo(serving);

            Cli list = Cli.run(lido, "list", "app");
            assertThat(list.out()).contains("APP \"Default Web Site/\" (applicationPool:DefaultAppPool, state:Serving,"
                    + " domain:1, lastStart:domain 2 (manual) failed ").contains("recycle test: refusing to start");
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    @Test
    void unknownSitesAndApplicationsAreClearErrors() {
        try (LidoTestServer lido = start()) {
            Cli site = Cli.run(lido, "recycle", "app", "Nope/app");
            assertThat(site.status()).isEqualTo(1);
            assertThat(site.err()).contains("no site is named 'Nope' (sites: Default Web Site)");

            Cli app = Cli.run(lido, "recycle", "app", LidoTestServer.SITE + "/missing");
            assertThat(app.status()).isEqualTo(1);
            assertThat(app.err()).contains("site 'Default Web Site' has no application '/missing' (applications: /)");

            Cli list = Cli.run(lido, "list", "app");
            assertThat(list.status()).isZero();
            assertThat(list.out()).contains("APP \"Default Web Site/\" (applicationPool:DefaultAppPool, state:Serving,"
                    + " domain:1, lastStart:domain 1 (start) started ");

            Cli bad = Cli.run(lido, "recycle", "site", "x");
            assertThat(bad.status()).isEqualTo(2);
            assertThat(bad.err()).contains("lido recycle apppool NAME | lido recycle app SITE/PATH");
        }
    }
}
