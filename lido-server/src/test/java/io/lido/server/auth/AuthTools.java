package io.lido.server.auth;

import io.lido.server.TestApplicationJar;
import io.lido.server.it.ExternalTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the authentication tests drive: Apache's {@code htpasswd} to write user files, {@code curl} to send
 * requests, and a test application whose {@code /whoami} handler answers what it sees of the user.
 */
final class AuthTools {
    /** The whoami application's web.config: {@code whoami} for every verb. */
    static final String WHOAMI_CONFIG = """
            <configuration>
              <system.webServer>
                <handlers>
                  <add name="WhoAmI" path="whoami" verb="*" type="test.auth.WhoAmIHandler" />
                </handlers>
              </system.webServer>
            </configuration>
            """;

    private static final String WHOAMI_SOURCE = """
            package test.auth;

            import io.lido.api.GenericPrincipal;
            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;
            import io.lido.api.HttpRequest;

            public class WhoAmIHandler implements HttpHandler {
                @Override
                public void processRequest(HttpContext context) {
                    HttpRequest request = context.request();
                    String roles = context.user() instanceof GenericPrincipal p ? String.join(",", p.roles()) : "";
                    boolean staff = context.user() instanceof GenericPrincipal p && p.isInRole("STAFF");
                    context.response().contentType("text/plain; charset=utf-8");
                    context.response().write("user=" + (context.user() == null ? "" : context.user().getName())
                            + " AUTH_TYPE=" + request.serverVariable("AUTH_TYPE")
                            + " REMOTE_USER=" + request.serverVariable("REMOTE_USER")
                            + " LOGON_USER=" + request.serverVariable("LOGON_USER")
                            + " roles=" + roles + " staff=" + staff);
                }
            }
            """;

    private AuthTools() {
    }

    /** The jar of {@code test.auth.WhoAmIHandler}. */
    static byte[] whoamiJar() {
        return TestApplicationJar.builder().source("test.auth.WhoAmIHandler", WHOAMI_SOURCE).build();
    }

    /**
     * Sets {@code user}'s password in {@code file} with the real htpasswd ({@code -c} when the file is new).
     *
     * @param hashFlag "-B" (bcrypt), "-m" (Apache MD5), "-2"/"-5" (SHA-256/512 crypt)...
     */
    static void htpasswd(Path file, String hashFlag, String user, String password) throws Exception {
        Path htpasswd = ExternalTool.require("htpasswd", "apache2-utils");
        List<String> command = new ArrayList<>(List.of(htpasswd.toString(), "-b"));
        if (!Files.exists(file)) {
            command.add("-c");
        }
        command.addAll(List.of(hashFlag, file.toString(), user, password));
        Result result = run(command);
        if (result.status() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result.output());
        }
    }

    /** Whether this htpasswd has {@code flag} (SHA-crypt -2/-5 came with Apache 2.4.59). */
    static boolean htpasswdHas(String flag) throws Exception {
        Path htpasswd = ExternalTool.require("htpasswd", "apache2-utils");
        return run(List.of(htpasswd.toString())).output().contains(" " + flag + " ");
    }

    /** {@code curl -s -i} with {@code arguments}: the response as received, head and body. */
    static Response curl(String... arguments) throws Exception {
        Path curl = ExternalTool.require("curl", "curl");
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-s", "-i", "--max-time", "20"));
        command.addAll(List.of(arguments));
        Result result = run(command);
        if (result.status() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with " + result.status() + ": " + result.output());
        }
        return Response.parse(result.output());
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int status, String output) {
    }

    /** One response as curl -i printed it. */
    record Response(int status, String head, String body) {
        static Response parse(String received) {
            int end = received.indexOf("\r\n\r\n");
            if (!received.startsWith("HTTP/") || end < 0) {
                throw new AssertionError("not an HTTP response: " + received);
            }
            String head = received.substring(0, end);
            return new Response(Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4)), head,
                    received.substring(end + 4));
        }

        /** The value of a response header (any case), or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
