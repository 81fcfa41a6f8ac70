package io.lido.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of error in applicationHost.config names file, line, element, attribute and what is allowed. */
class SchemaErrorTest {
    @TempDir
    Path root;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(root);
    }

    private String poolFile(String poolAttributes, String poolBody) {
        return """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="DefaultAppPool" %s>%s</add>
                    </applicationPools>
                    <sites>
                      <site name="S" id="1">
                        <application path="/"><virtualDirectory path="/" physicalPath="." /></application>
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(poolAttributes, poolBody);
    }

    private void expect(String hostText, String message) {
        fixture.hostRaw(hostText);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":" + message);
    }

    @Test
    void anAotTrainingUrlMustBePlainHttpOnLoopback() {
        expect(poolFile("jvmAotTrainingUrl=\"https://127.0.0.1:8443/\"", ""),
                "4: <add name=\"DefaultAppPool\"> attribute \"jvmAotTrainingUrl\": \"https://127.0.0.1:8443/\" is invalid:"
                        + " it must be an absolute http:// URL, such as http://127.0.0.1:8080/");
        expect(poolFile("jvmAotTrainingUrl=\"http://www.example.com/\"", ""),
                "4: <add name=\"DefaultAppPool\"> attribute \"jvmAotTrainingUrl\": \"http://www.example.com/\" is invalid:"
                        + " its host must be localhost or a loopback address (127.0.0.0/8, ::1): the host sends the training"
                        + " load to itself");
        expect(poolFile("jvmAotTrainingUrl=\"http://10.0.0.1/\"", ""),
                "4: <add name=\"DefaultAppPool\"> attribute \"jvmAotTrainingUrl\": \"http://10.0.0.1/\" is invalid:"
                        + " its host must be localhost or a loopback address (127.0.0.0/8, ::1): the host sends the training"
                        + " load to itself");
    }

    @Test
    void aLoopbackAotTrainingUrlIsKept() {
        fixture.hostRaw(poolFile("jvmAotTrainingUrl=\"http://[::1]:8080/warm\" jvmAotTrainingTime=\"00:00:05\"", ""));
        ApplicationPoolConfig pool = fixture.load().applicationPools().getFirst();
        org.assertj.core.api.Assertions.assertThat(pool.aotTraining())
                .isEqualTo(new ApplicationPoolConfig.AotTraining("http://[::1]:8080/warm", java.time.Duration.ofSeconds(5)));
        fixture.hostRaw(poolFile("", ""));
        org.assertj.core.api.Assertions.assertThat(fixture.load().applicationPools().getFirst().aotTraining().enabled())
                .isFalse();
    }

    @Test
    void notAWholeNumber() {
        expect(poolFile("queueLength=\"abc\"", ""),
                "4: <add name=\"DefaultAppPool\"> attribute \"queueLength\": \"abc\" is not a whole number (allowed: 10..65535)");
    }

    @Test
    void numberOutOfRange() {
        expect(poolFile("queueLength=\"5\"", ""),
                "4: <add name=\"DefaultAppPool\"> attribute \"queueLength\": \"5\" is out of range (allowed: 10..65535)");
    }

    @Test
    void notABoolean() {
        expect(poolFile("autoStart=\"yes\"", ""),
                "4: <add name=\"DefaultAppPool\"> attribute \"autoStart\": \"yes\" is not a boolean (allowed: true, false)");
    }

    @Test
    void notAnEnumValue() {
        expect(poolFile("managedPipelineMode=\"Fast\"", ""),
                "4: <add name=\"DefaultAppPool\"> attribute \"managedPipelineMode\": \"Fast\" is not valid (allowed: Integrated, Classic)");
    }

    @Test
    void notATimeSpan() {
        expect(poolFile("", "<processModel idleTimeout=\"20m\" />"),
                "4: <processModel> attribute \"idleTimeout\": \"20m\" is not a time span (allowed: [d.]hh:mm:ss[.fff], e.g. 00:20:00)");
    }

    @Test
    void sizeOutOfRange() {
        expect(poolFile("", "<recycling><periodicRestart privateMemory=\"-1\" /></recycling>"),
                "4: <periodicRestart> attribute \"privateMemory\": \"-1\" is out of range (allowed: 0..4294967295 KB)");
    }

    @Test
    void badTimeOfDay() {
        expect(poolFile("", "<recycling><periodicRestart><schedule><add value=\"25:00:00\" /></schedule></periodicRestart></recycling>"),
                "4: <add value=\"25:00:00\"> attribute \"value\": \"25:00:00\" is not a time of day (allowed: hh:mm:ss from 00:00:00 to 23:59:59)");
    }

    @Test
    void unknownAttribute() {
        expect(poolFile("queueSize=\"10\"", ""),
                "4: <add name=\"DefaultAppPool\"> has no attribute \"queueSize\" (allowed: name, queueLength, autoStart, "
                        + "startMode, managedPipelineMode, managedRuntimeVersion, CLRConfigFile, enableConfigurationOverride, "
                        + "hostingModel, jvmOptions, jvmAotCache, jvmAotTrainingUrl, jvmAotTrainingTime, maxConcurrentRequests)");
    }

    @Test
    void unknownElement() {
        expect(poolFile("", "<processModle />"),
                "4: <processModle> is not allowed in <add name=\"DefaultAppPool\"> (allowed: cpu, environmentVariables, "
                        + "failure, processModel, recycling)");
    }

    @Test
    void unknownSection() {
        fixture.host("<system.webServer><handler /></system.webServer>");
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(fixture.hostFile + ":" + fixture.hostLine("<handler />")
                        + ": <handler> is not a known section in <system.webServer> (allowed: caching, cgi, defaultDocument,");
    }

    @Test
    void missingRequiredAttribute() {
        expect(poolFile("", "<environmentVariables><add value=\"1\" /></environmentVariables>"),
                "4: <add value=\"1\"> attribute \"name\" is required");
    }

    @Test
    void duplicateKeyOnAddNamesBothPlaces() {
        fixture.host("""
                <system.webServer>
                  <staticContent>
                    <mimeMap fileExtension=".x" mimeType="text/plain" />
                    <mimeMap fileExtension=".X" mimeType="text/html" />
                  </staticContent>
                </system.webServer>""");
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":" + fixture.hostLine(".X") + ": <mimeMap fileExtension=\".X\"> cannot be "
                        + "added: an entry with fileExtension=\".X\" was already added at " + fixture.hostFile + ":"
                        + fixture.hostLine(".x") + " (remove it first with <remove> to replace it)");
    }

    @Test
    void poolNotFound() {
        expect(poolFile("", "").replace("<application path=\"/\">", "<application path=\"/\" applicationPool=\"Nope\">"),
                "8: <application path=\"/\"> attribute \"applicationPool\": \"Nope\" names no application pool "
                        + "(defined: DefaultAppPool)");
    }

    @Test
    void duplicateSiteName() {
        String site = "<site name=\"S\" id=\"1\">";
        String text = poolFile("", "");
        int at = text.indexOf("</sites>");
        String second = "<site name=\"s\" id=\"2\"><application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\".\" />"
                + "</application></site>\n";
        expect(text.substring(0, at) + second + text.substring(at),
                "10: <site name=\"s\"> cannot be added: an entry with name=\"s\" was already added at " + fixture.hostFile
                        + ":" + ConfigFixture.lineOf(text, site) + " (remove it first with <remove> to replace it)");
    }

    @Test
    void duplicateSiteId() {
        String text = poolFile("", "");
        int at = text.indexOf("</sites>");
        String second = "<site name=\"T\" id=\"1\"><application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\".\" />"
                + "</application></site>\n";
        expect(text.substring(0, at) + second + text.substring(at),
                "10: <site name=\"T\"> attribute \"id\": \"1\" is already the id of the site at " + fixture.hostFile
                        + ":7 (allowed: an id no other site has)");
    }

    @Test
    void missingRootApplication() {
        expect(poolFile("", "").replace("<application path=\"/\">", "<application path=\"/x\">"),
                "7: <site name=\"S\"> has no root application: add <application path=\"/\"> with a "
                        + "<virtualDirectory path=\"/\" physicalPath=\"...\">");
    }

    @Test
    void missingRootVirtualDirectory() {
        expect(poolFile("", "").replace("<virtualDirectory path=\"/\"", "<virtualDirectory path=\"/v\""),
                "8: <application path=\"/\"> has no root virtual directory: add <virtualDirectory path=\"/\" "
                        + "physicalPath=\"...\">");
    }

    @Test
    void badBindingInformation() {
        expect(poolFile("", "").replace("</application>",
                        "</application><bindings><binding protocol=\"http\" bindingInformation=\"*:99999:\" /></bindings>"),
                "8: <binding> attribute \"bindingInformation\": \"*:99999:\" is invalid: port \"99999\" is not a whole "
                        + "number in 0..65535 (allowed: IP:port:host, IP is * or a literal address, e.g. *:8080: or "
                        + "127.0.0.1:80:example.com)");
    }

    @Test
    void applicationHostSectionInsideLocation() {
        fixture.host("<location path=\"S\"><system.applicationHost><webLimits /></system.applicationHost></location>");
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":" + fixture.hostLine("<webLimits />") + ": <webLimits> may not be set "
                        + "here: the section system.applicationHost/webLimits may only be set at the top level of "
                        + "applicationHost.config");
    }

    @Test
    void locationForAnUnknownSite() {
        fixture.host("<location path=\"Nope/x\"><system.webServer><directoryBrowse enabled=\"true\" /></system.webServer></location>");
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":" + fixture.hostLine("<location") + ": <location path=\"Nope/x\"> "
                        + "attribute \"path\": \"Nope/x\" names no site (allowed: \"\" for every site, or a site name "
                        + "optionally followed by /path; sites: S)");
    }

    @Test
    void sectionWrittenTwiceForTheSamePath() {
        fixture.host("<system.webServer><directoryBrowse /><directoryBrowse /></system.webServer>");
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<directoryBrowse> is written twice for the same path");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> ConfigLoader.load(root.resolve("none.config"))).isInstanceOf(ConfigException.class)
                .hasMessage(root.resolve("none.config") + ": configuration file not found");
    }

    @Test
    void environmentVariableThatIsNotSet() {
        expect(poolFile("", "").replace("physicalPath=\".\"", "physicalPath=\"%LIDO_SURELY_NOT_SET_VAR%/www\""),
                "8: <virtualDirectory path=\"/\"> attribute \"physicalPath\": \"%LIDO_SURELY_NOT_SET_VAR%/www\" uses the "
                        + "environment variable %LIDO_SURELY_NOT_SET_VAR%, which is not set");
    }

    @Test
    void twoApplicationsWithTheSamePath() {
        expect(poolFile("", "").replace("</application>", "</application><application path=\"/a/\">"
                        + "<virtualDirectory path=\"/\" physicalPath=\".\" /></application><application path=\"/A\">"
                        + "<virtualDirectory path=\"/\" physicalPath=\".\" /></application>"),
                "8: <application path=\"/A\"> has the same path as the application at " + fixture.hostFile
                        + ":8 (allowed: a path no other application of the site has)");
    }
}
