package io.lido.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Lido parses but does not implement yet is refused with file, line, element, attribute and
 * "not supported yet", in applicationHost.config and in web.config; its harmless values are accepted.
 */
class UnsupportedSettingTest {
    @TempDir
    Path root;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(root);
    }

    /** applicationHost.config with {@code rest}: refused, the message naming the line of {@code needle}. */
    private void refusedInHost(String rest, String needle, String message) {
        fixture.host(rest);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":" + fixture.hostLine(needle) + ": " + message);
    }

    private void acceptedInHost(String rest) {
        fixture.host(rest);
        assertThatCode(fixture::load).doesNotThrowAnyException();
    }

    private static String webServer(String body) {
        return "<system.webServer>\n" + body + "\n</system.webServer>";
    }

    private static String security(String body) {
        return webServer("<security>\n" + body + "\n</security>");
    }

    @Test
    void anonymousAsAnotherAccountThanThePoolIdentityIsRefused() {
        acceptedInHost(security("<authentication><anonymousAuthentication enabled=\"false\" /></authentication>"));
        refusedInHost(security("<authentication><anonymousAuthentication userName=\"guest\" /></authentication>"),
                "<anonymousAuthentication", "<anonymousAuthentication> attribute \"userName\": \"guest\" is not "
                        + "supported yet (allowed until it is: IUSR, \"\")");
        refusedInHost(security("<authentication><anonymousAuthentication logonMethod=\"Network\" /></authentication>"),
                "<anonymousAuthentication", "<anonymousAuthentication> attribute \"logonMethod\": \"Network\" is not "
                        + "supported yet (allowed until it is: ClearText)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"windowsAuthentication", "digestAuthentication", "clientCertificateMappingAuthentication"})
    void enablingAnAuthenticationSchemeLidoDoesNotHaveIsRefused(String scheme) {
        refusedInHost(security("<authentication><" + scheme + " enabled=\"true\" /></authentication>"),
                "<" + scheme, "<" + scheme + "> attribute \"enabled\": \"true\" is not supported yet "
                        + "(allowed until it is: false)");
    }

    @Test
    void basicAuthenticationIsAcceptedWithItsUserFileButNotWithALogonDomainOrMethod() {
        acceptedInHost(security("<authentication><basicAuthentication enabled=\"true\" realm=\"Lido\" "
                + "userFile=\"/etc/lido/users\" groupFile=\"/etc/lido/groups\" logonMethod=\"ClearText\" />"
                + "</authentication>"));
        refusedInHost(security("<authentication><basicAuthentication enabled=\"true\" defaultLogonDomain=\"CORP\" />"
                        + "</authentication>"), "<basicAuthentication", "<basicAuthentication> attribute "
                        + "\"defaultLogonDomain\": \"CORP\" is not supported yet (allowed until it is: \"\")");
        refusedInHost(security("<authentication><basicAuthentication logonMethod=\"Interactive\" /></authentication>"),
                "<basicAuthentication", "<basicAuthentication> attribute \"logonMethod\": \"Interactive\" is not "
                        + "supported yet (allowed until it is: ClearText)");
    }

    @Test
    void theDefaultAuthenticationAsWrittenByIisIsAccepted() {
        acceptedInHost(security("""
                <authentication>
                  <anonymousAuthentication enabled="true" userName="" />
                  <basicAuthentication enabled="false" />
                  <windowsAuthentication enabled="false" />
                  <digestAuthentication enabled="false" />
                </authentication>
                <authorization bypassLoginPages="true" />"""));
    }

    @Test
    void urlAuthorizationRulesAreAcceptedAndLoginPagesAreRefused() {
        acceptedInHost(security("""
                <authorization>
                  <remove users="*" roles="" verbs="" />
                  <add accessType="Deny" users="?" />
                  <add accessType="Allow" roles="Admins" verbs="GET,HEAD" />
                  <clear />
                  <add accessType="Allow" users="*" />
                </authorization>"""));
        refusedInHost(security("<authorization bypassLoginPages=\"false\" />"), "<authorization",
                "<authorization> attribute \"bypassLoginPages\": \"false\" is not supported yet (allowed until it is: true)");
    }

    @Test
    void urlCompressionIsRefusedUnlessItIsTurnedOff() {
        refusedInHost(webServer("<urlCompression doDynamicCompression=\"true\" />"), "<urlCompression",
                "<urlCompression> attribute \"doDynamicCompression\": \"true\" is not supported yet (allowed until it is: false)");
        acceptedInHost(webServer("<urlCompression doStaticCompression=\"false\" doDynamicCompression=\"false\" />"));
    }

    @Test
    void failedRequestTracingIsRefused() {
        refusedInHost(webServer("<tracing><traceFailedRequests>\n<add path=\"*\" />\n</traceFailedRequests></tracing>"),
                "<add path", "<add path=\"*\"> in <traceFailedRequests> is not supported yet: failed-request tracing");
    }

    @Test
    void cgiHandlersAndFastCgiOverTcpAreRefused() {
        refusedInHost(webServer("<handlers>\n<add name=\"CGI\" path=\"*.pl\" verb=\"*\" modules=\"CgiModule\" />"
                + "\n</handlers>"), "<add name=\"CGI\"", "<add name=\"CGI\"> attribute \"modules\": \"CgiModule\" is not "
                + "supported yet (allowed until it is: \"\", FastCgiModule, or StaticFileModule, DefaultDocumentModule, "
                + "DirectoryListingModule)");
        refusedInHost(webServer("<fastCgi>\n<application fullPath=\"/usr/bin/php-cgi\" protocol=\"Tcp\" />\n</fastCgi>"),
                "protocol=\"Tcp\"", "<application> attribute \"protocol\": \"Tcp\" is not "
                        + "supported yet (allowed until it is: NamedPipe)");
    }

    @Test
    void fastCgiApplicationsAndTheirHandlersAreAccepted() {
        acceptedInHost(webServer("<fastCgi>\n<application fullPath=\"/usr/bin/php-cgi\" arguments=\"-d x=1\" "
                + "maxInstances=\"4\" instanceMaxRequests=\"10000\" activityTimeout=\"70\" requestTimeout=\"90\" "
                + "idleTimeout=\"300\" queueLength=\"1000\" protocol=\"NamedPipe\" stderrMode=\"IgnoreAndReturn200\" "
                + "signalBeforeTerminateSeconds=\"5\" monitorChangesTo=\"php.ini\">\n<environmentVariables>"
                + "<environmentVariable name=\"PHP_FCGI_MAX_REQUESTS\" value=\"10000\" /></environmentVariables>"
                + "</application>\n</fastCgi>\n<handlers><add name=\"PHP\" path=\"*.php\" verb=\"*\" modules=\"FastCgiModule\""
                + " scriptProcessor=\"/usr/bin/php-cgi|-d x=1\" resourceType=\"Either\" /></handlers>"));
    }

    @Test
    void reverseDnsAndDomainNamesAreNotSupportedYet() {
        refusedInHost(security("<ipSecurity enableReverseDns=\"true\" />"), "<ipSecurity",
                "<ipSecurity> attribute \"enableReverseDns\": \"true\" is not supported yet (allowed until it is: false)");
        refusedInHost(security("<ipSecurity>\n<add domainName=\"example.com\" />\n</ipSecurity>"), "<add domainName",
                "<add> attribute \"domainName\": \"example.com\" is not supported yet (allowed until it is: \"\")");
    }

    @Test
    void iisStaticFileHandlerEntryIsAccepted() {
        acceptedInHost(webServer("<handlers accessPolicy=\"Read, Script\"><add name=\"StaticFile\" path=\"*\" verb=\"*\" "
                + "modules=\"StaticFileModule,DefaultDocumentModule,DirectoryListingModule\" resourceType=\"Either\" "
                + "requireAccess=\"Read\" /></handlers>"));
    }

    @Test
    void aspNetSettingsWithoutEffectAreRefusedInWebConfig() {
        fixture.host("");
        Path web = fixture.webConfig("www", """
                <system.web>
                  <httpRuntime appRequestQueueLimit="100" />
                </system.web>""");
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/")).isInstanceOf(ConfigException.class)
                .hasMessage(web + ":3: <httpRuntime> attribute \"appRequestQueueLimit\": \"100\" is not supported yet "
                        + "(allowed until it is: 5000)");
    }

    @Test
    void formsAuthenticationAndTheMachineKeyStayRefused() {
        fixture.host("");
        ServerConfig config = fixture.load();
        fixture.webConfig("app", "<system.web>\n<authorization>\n<deny users=\"?\" />\n<allow roles=\"Admins\" "
                + "verbs=\"GET\" />\n</authorization>\n</system.web>");
        assertThatCode(() -> config.webConfig(config.sites().getFirst(), "/app/")).doesNotThrowAnyException();
        Path web = fixture.webConfig("www/f", "<system.web>\n<authentication>\n<forms timeout=\"10\" />"
                + "\n</authentication>\n</system.web>");
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/f/"))
                .hasMessage(web + ":4: <forms> in <authentication> is not supported yet: forms authentication");
        web = fixture.webConfig("www/m", "<system.web>\n<machineKey validationKey=\"AutoGenerate\" />\n</system.web>");
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/m/"))
                .hasMessage(web + ":3: <machineKey> attribute \"validationKey\": \"AutoGenerate\" is not supported yet "
                        + "(allowed until it is: AutoGenerate,IsolateApps)");
    }

    @Test
    void urlMappingsAndFormsAuthenticationAreRefusedInWebConfig() {
        fixture.host("");
        ServerConfig config = fixture.load();
        Path web = fixture.webConfig("app", "<system.web>\n<urlMappings enabled=\"true\">"
                + "<add url=\"~/a\" mappedUrl=\"~/b\" /></urlMappings>\n</system.web>");
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/app/"))
                .hasMessage(web + ":3: <urlMappings> is not supported yet: URL mappings");
        web = fixture.webConfig("www", "<system.web>\n<authentication mode=\"Forms\" />\n</system.web>");
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/"))
                .hasMessage(web + ":3: <authentication> attribute \"mode\": \"Forms\" is not supported yet "
                        + "(allowed until it is: None)");
    }

    @Test
    void anyLogExtFileFlagsButCookieAreAcceptedInAnyOrderAndCase() {
        fixture.hostRaw(withSiteDefaults("<logFile logExtFileFlags=\"date, time, ClientIP, UserName, ServerIP, Method, "
                + "UriStem, UriQuery, HttpStatus, Win32Status, TimeTaken, ServerPort, UserAgent, Referer, HttpSubStatus\" />"));
        assertThatCode(fixture::load).doesNotThrowAnyException();
        fixture.hostRaw(withSiteDefaults("<logFile logExtFileFlags=\"Date,Time,ClientIP,Method,UriStem,HttpStatus,"
                + "Win32Status,BytesSent,BytesRecv,TimeTaken,SiteName,ComputerName,ProtocolVersion,Host\" />"));
        assertThat(fixture.load().sites().getFirst().logFile().logExtFileFlags()).isEqualTo("Date,Time,ClientIP,"
                + "Method,UriStem,HttpStatus,Win32Status,BytesSent,BytesRecv,TimeTaken,SiteName,ComputerName,"
                + "ProtocolVersion,Host");
        fixture.hostRaw(withSiteDefaults("<logFile logExtFileFlags=\"Date,Time,Cookie\" />"));
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":" + fixture.hostLine("<logFile") + ": <logFile> attribute "
                        + "\"logExtFileFlags\": \"Date,Time,Cookie\" is not supported yet (allowed until it is: any of "
                        + "Date,Time,ClientIP,UserName,SiteName,ComputerName,ServerIP,Method,UriStem,UriQuery,HttpStatus,"
                        + "Win32Status,BytesSent,BytesRecv,TimeTaken,ServerPort,UserAgent,Referer,ProtocolVersion,Host,"
                        + "HttpSubStatus)");
    }

    /** The fixture's applicationHost.config with {@code body} in its sites' siteDefaults. */
    private static String withSiteDefaults(String body) {
        return "<configuration>\n" + ConfigFixture.POOLS_AND_SITES.replace("<sites>", "<sites>\n<siteDefaults>" + body
                + "</siteDefaults>") + "</configuration>\n";
    }

    @Test
    void anHttpsBindingWithSslFlagsIsAccepted() {
        fixture.hostRaw(ConfigFixture.POOLS_AND_SITES.replace("<binding protocol=\"http\" bindingInformation=\"*:0:\" />",
                "<binding protocol=\"https\" bindingInformation=\"*:443:www.example.com\" sslFlags=\"39\" />")
                .transform(t -> "<configuration>\n" + t + "</configuration>\n"));
        SiteConfig.Binding binding = fixture.load().sites().getFirst().bindings().getFirst();
        assertThat(binding.secure()).isTrue();
        assertThat(binding.sslFlags()).isEqualTo(39);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SslNegotiateCert", "SslRequireCert", "Ssl, SslRequireCert", "SslMapCert"})
    void clientCertificatesAreRefused(String flags) {
        refusedInHost(security("<access sslFlags=\"" + flags + "\" />"), "<access",
                "<access> attribute \"sslFlags\": \"" + flags + "\" is not supported yet (allowed until "
                        + "it is: None, Ssl, Ssl128 (client certificates are not supported yet))");
    }

    @Test
    void sslAndSsl128AreAccepted() {
        acceptedInHost(security("<access sslFlags=\"Ssl, Ssl128\" />"));
    }

    @Test
    void twoSitesWithTheSameBindingAreRefusedNamingBoth() {
        String text = """
                <configuration>
                  <system.applicationHost>
                    <applicationPools><add name="P" /></applicationPools>
                    <sites>
                      <site name="A" id="1">
                        <application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="." /></application>
                        <bindings><binding protocol="http" bindingInformation="*:8080:example.com" /></bindings>
                      </site>
                      <site name="B" id="2">
                        <application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="." /></application>
                        <bindings>
                          <binding protocol="http" bindingInformation="*:8080:" />
                          <binding protocol="http" bindingInformation="*:8080:EXAMPLE.com" />
                        </bindings>
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """;
        fixture.hostRaw(text);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":13: <binding bindingInformation=\"*:8080:example.com\"> of site \"B\": the "
                        + "site \"A\" already has this binding at " + fixture.hostFile + ":7 (allowed: an IP:port:host no "
                        + "other binding has)");
    }

    @Test
    void ephemeralPortBindingsAreNeverTheSame() {
        fixture.hostRaw(ConfigFixture.POOLS_AND_SITES.transform(t -> "<configuration>\n" + t.replace("</sites>",
                "<site name=\"T\" id=\"2\"><application path=\"/\" applicationPool=\"P\"><virtualDirectory path=\"/\" "
                        + "physicalPath=\"../www\" /></application><bindings><binding protocol=\"http\" "
                        + "bindingInformation=\"*:0:\" /></bindings></site></sites>") + "</configuration>\n"));
        assertThat(fixture.load().sites()).hasSize(2);
    }

    @Test
    void aVirtualDirectoryWithoutItsFolderIsRefused() throws Exception {
        fixture.host("");
        Files.delete(root.resolve("shared"));
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":" + fixture.hostLine("physicalPath=\"../shared\"")
                        + ": <virtualDirectory path=\"/shared\"> attribute \"physicalPath\": \"../shared\" is not an "
                        + "existing folder (" + root.resolve("shared") + " does not exist)");
        Files.writeString(root.resolve("shared"), "a file");
        assertThatThrownBy(fixture::load).hasMessageEndingWith("(" + root.resolve("shared")
                + " is a file; only an application's root may be a .war file)");
    }

    @Test
    void anApplicationsRootMayBeAWarFileAndNoOtherVirtualDirectory() throws Exception {
        fixture.hostRaw(ConfigFixture.POOLS_AND_SITES.transform(t -> "<configuration>\n"
                + t.replace("physicalPath=\"../app\"", "physicalPath=\"../orders.war\"") + "</configuration>\n"));
        Files.write(root.resolve("orders.war"), new byte[] {'P', 'K', 5, 6});
        SiteConfig.Application app = fixture.load().sites().getFirst().applications().stream()
                .filter(a -> a.path().equals("/app")).findFirst().orElseThrow();
        assertThat(app.rootDirectory().physicalPath()).isEqualTo(root.resolve("orders.war"));

        fixture.hostRaw(ConfigFixture.POOLS_AND_SITES.transform(t -> "<configuration>\n"
                + t.replace("physicalPath=\"../shared\"", "physicalPath=\"../orders.war\"") + "</configuration>\n"));
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<virtualDirectory path=\"/shared\"> attribute \"physicalPath\": \"../orders.war\" is not "
                        + "an existing folder").hasMessageEndingWith("only an application's root may be a .war file)");
    }
}
