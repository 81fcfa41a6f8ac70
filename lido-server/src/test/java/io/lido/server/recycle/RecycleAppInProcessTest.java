package io.lido.server.recycle;

import io.lido.server.LidoTestServer;
import io.lido.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lido recycle app} and {@code lido list app} against an in-process application. */
class RecycleAppInProcessTest {
    @TempDir
    Path dir;

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
        Path events = dir.resolve("events.txt");
        try (LidoTestServer lido = LidoTestServer.in(dir.resolve("site")).file("wwwroot/bin/recycle.jar",
                RecycleApp.jar(events)).webConfig(RecycleApp.WEB_CONFIG).start()) {
            String first = lido.get("/domain").body().split(" ")[0];

            Cli recycle = Cli.run(lido, "recycle", "app", LidoTestServer.SITE + "/");
            assertThat(recycle.status()).as(recycle.err()).isZero();
            assertThat(recycle.out()).contains("\"Default Web Site/\" successfully recycled (domain generation 2)");

            String second = lido.get("/domain").body().split(" ")[0];
            assertThat(second).isNotEqualTo(first);
            RecycleApp.awaitEvents(events, "start " + first, "start " + second, "end " + first);
        }
    }

    @Test
    void unknownSitesAndApplicationsAreClearErrors() {
        try (LidoTestServer lido = LidoTestServer.in(dir).webConfig("<configuration/>").start()) {
            Cli site = Cli.run(lido, "recycle", "app", "Nope/app");
            assertThat(site.status()).isEqualTo(1);
            assertThat(site.err()).contains("no site is named 'Nope' (sites: Default Web Site)");

            Cli app = Cli.run(lido, "recycle", "app", LidoTestServer.SITE + "/missing");
            assertThat(app.status()).isEqualTo(1);
            assertThat(app.err()).contains("site 'Default Web Site' has no application '/missing' (applications: /)");

            Cli list = Cli.run(lido, "list", "app");
            assertThat(list.status()).isZero();
            assertThat(list.out()).contains("APP \"Default Web Site/\" (applicationPool:DefaultAppPool)");

            Cli bad = Cli.run(lido, "recycle", "site", "x");
            assertThat(bad.status()).isEqualTo(2);
            assertThat(bad.err()).contains("lido recycle apppool NAME | lido recycle app SITE/PATH");
        }
    }
}
