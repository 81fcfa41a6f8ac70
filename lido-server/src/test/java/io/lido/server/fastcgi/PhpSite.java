package io.lido.server.fastcgi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A site of PHP scripts served by real php-cgi through FastCgiModule, for the FastCGI tests: writes
 * {@code conf/applicationHost.config} (pool "PhpPool", in or out of process; the fastCgi application with
 * {@link #application} attributes; the handler {@code *.php}) and the scripts in {@code wwwroot/}.
 */
final class PhpSite {
    static final String PHP_CGI = "/usr/bin/php-cgi";

    /** Attributes of the fastCgi {@code <application>} besides fullPath. */
    String application = "maxInstances=\"3\" instanceMaxRequests=\"5\"";
    /** Children of the {@code <application>} (environmentVariables). */
    String applicationChildren = "";
    String hostingModel = "inProcess";

    private static final String[][] SCRIPTS = {
            {"hello.php", "<?php echo 'Hello from PHP ', PHP_VERSION;"},
            {"vars.php", """
                    <?php
                    foreach (['GATEWAY_INTERFACE', 'SERVER_PROTOCOL', 'SERVER_NAME', 'SERVER_PORT', 'REQUEST_METHOD',
                              'REQUEST_URI', 'QUERY_STRING', 'SCRIPT_NAME', 'SCRIPT_FILENAME', 'PATH_INFO', 'DOCUMENT_ROOT',
                              'REMOTE_ADDR', 'HTTPS', 'CONTENT_TYPE', 'CONTENT_LENGTH', 'HTTP_X_TEST', 'HTTP_PROXY',
                              'HTTP_COOKIE', 'REDIRECT_STATUS', 'PHP_FCGI_MAX_REQUESTS'] as $name) {
                        echo $name, '=', $_SERVER[$name] ?? getenv($name) ?: '(unset)', "\\n";
                    }
                    echo 'get.a=', $_GET['a'] ?? '(unset)', "\\n";
                    echo 'post.b=', $_POST['b'] ?? '(unset)', "\\n";
                    """},
            {"echo.php", "<?php header('Content-Type: application/octet-stream'); echo file_get_contents('php://input');"},
            {"big.php", """
                    <?php
                    header('Content-Type: text/plain');
                    $chunk = str_repeat('0123456789abcdef', 4096);
                    for ($i = 0; $i < (int) $_GET['n']; $i++) { echo $chunk; }
                    """},
            {"stream.php", """
                    <?php
                    while (ob_get_level()) { ob_end_flush(); }
                    echo str_repeat('.', 20000), "first\\n"; flush();
                    usleep(1500000);
                    echo "second\\n";
                    """},
            {"status.php", """
                    <?php
                    http_response_code(201);
                    header('X-Custom: one');
                    header('X-Custom: two', false);
                    setcookie('a', '1');
                    setcookie('b', '2');
                    echo 'created';
                    """},
            {"notfound.php", "<?php header('Status: 404 Not Found'); echo 'nope';"},
            {"redirect.php", "<?php header('Location: /hello.php');"},
            {"stderr.php", "<?php error_log('boom from php'); echo 'partial';"},
            {"pid.php", "<?php echo getmypid();"},
            {"crash.php", "<?php posix_kill(getmypid(), 9); echo 'unreachable';"},
            {"sleep.php", "<?php usleep((int) $_GET['ms'] * 1000); echo getmypid();"},
    };

    /** Writes the configuration and the scripts under {@code base}; returns the configuration file. */
    Path write(Path base) throws IOException {
        Path www = base.resolve("wwwroot");
        Files.createDirectories(www);
        for (String[] script : SCRIPTS) {
            Files.writeString(www.resolve(script[0]), script[1]);
        }
        Files.createDirectories(base.resolve("logs"));
        Path config = base.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="PhpPool" hostingModel="%s">
                        <processModel startupTimeLimit="00:00:30" shutdownTimeLimit="00:00:05" />
                      </add>
                    </applicationPools>
                    <sites>
                      <site name="Php" id="1">
                        <application path="/" applicationPool="PhpPool">
                          <virtualDirectory path="/" physicalPath="../wwwroot" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                  <system.webServer>
                    <fastCgi>
                      <application fullPath="%s" %s>%s</application>
                    </fastCgi>
                    <handlers>
                      <add name="PHP" path="*.php" verb="*" modules="FastCgiModule" scriptProcessor="%s"
                           resourceType="Either" />
                    </handlers>
                  </system.webServer>
                </configuration>
                """.formatted(hostingModel, PHP_CGI, application, applicationChildren, PHP_CGI));
        return config;
    }
}
