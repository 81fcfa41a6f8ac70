package io.lido.modules.filtering;

import io.lido.api.PipelineEvent;
import io.lido.modules.support.SectionCache;
import io.lido.modules.testing.TestConfigElement;
import io.lido.modules.testing.TestRequestContext;
import io.lido.modules.testing.TestSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static io.lido.modules.testing.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RequestFilteringModuleTest {
    @TempDir
    Path root;
    private TestSite site;

    @BeforeEach
    void setUp() {
        site = new TestSite(root);
    }

    private TestConfigElement filtering() {
        return site.config().section(RequestFilteringModule.SECTION);
    }

    private TestRequestContext begin(String method, String target, String... headers) throws Exception {
        return site.request(method, target, headers)
                .with(new RequestFilteringModule(new SectionCache<>(RequestFilteringRules::from)));
    }

    private void assertFiltered(String method, String target, int status, int subStatus) throws Exception {
        TestRequestContext context = begin(method, target);
        assertRejected(() -> context.raise(PipelineEvent.BEGIN_REQUEST), status, subStatus);
    }

    private void assertPasses(String method, String target, String... headers) throws Exception {
        TestRequestContext context = begin(method, target, headers);
        assertThatCode(() -> context.raise(PipelineEvent.BEGIN_REQUEST)).doesNotThrowAnyException();
    }

    @Test
    void subscribesToBeginRequestOnly() throws Exception {
        assertThat(begin("GET", "/").subscribedEvents()).containsExactly(PipelineEvent.BEGIN_REQUEST);
    }

    @Test
    void ordinaryRequestsPass() throws Exception {
        assertPasses("GET", "/index.html?x=1");
        assertPasses("POST", "/api/items");
        assertPasses("GET", "/binary/file.txt");
        assertPasses("GET", "/caf%C3%A9.txt");
    }

    @Test
    void checkedUrlsSharedBetweenModulesSkipOnlyTheUrlChecksOfPathsThatPassed() throws Exception {
        filtering().child("verbs").add("verb", "DELETE", "allowed", "false");
        CheckedUrls checked = new CheckedUrls(new SectionCache<>(RequestFilteringRules::from));
        for (int i = 0; i < 2; i++) {
            TestRequestContext passes = site.request("GET", "/index.html").with(new RequestFilteringModule(checked));
            assertThatCode(() -> passes.raise(PipelineEvent.BEGIN_REQUEST)).doesNotThrowAnyException();
            TestRequestContext hidden = site.request("GET", "/bin/app.dll").with(new RequestFilteringModule(checked));
            assertRejected(() -> hidden.raise(PipelineEvent.BEGIN_REQUEST), 404, 8);
            TestRequestContext verb = site.request("DELETE", "/index.html").with(new RequestFilteringModule(checked));
            assertRejected(() -> verb.raise(PipelineEvent.BEGIN_REQUEST), 404, 6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/app.dll", "/BIN/x", "/a/App_Data/db.mdf", "/web.config", "/sub/Web.Config",
            "/App_Data", "/bin/"})
    void hiddenSegmentsAre404_8(String target) throws Exception {
        assertFiltered("GET", target, 404, 8);
    }

    @Test
    void deniedExtensionsAre404_7() throws Exception {
        assertFiltered("GET", "/settings.config", 404, 7);
        assertFiltered("GET", "/lib/app.JAR", 404, 7);
    }

    @Test
    void unlistedExtensionsAre404_7WhenAllowUnlistedIsFalse() throws Exception {
        filtering().child("fileExtensions").set("allowUnlisted", "false").add("fileExtension", ".html", "allowed", "true");
        assertPasses("GET", "/index.html");
        assertFiltered("GET", "/data.txt", 404, 7);
        assertFiltered("GET", "/folder/", 404, 7);
        assertFiltered("GET", "/extensionless", 404, 7);
        filtering().child("fileExtensions").add("fileExtension", ".", "allowed", "true");
        assertPasses("GET", "/folder/");
        assertPasses("GET", "/extensionless");
    }

    @Test
    void denyUrlSequencesAre404_5InTheRawOrDecodedUrl() throws Exception {
        filtering().child("denyUrlSequences").add("sequence", "..").add("sequence", "%7E").add("sequence", "secret");
        assertFiltered("GET", "/a..b/c", 404, 5);
        assertFiltered("GET", "/x%7Ey", 404, 5);
        assertFiltered("GET", "/top-SECRET.txt", 404, 5);
        assertPasses("GET", "/public.txt?q=secret");
    }

    @Test
    void deniedVerbsAre404_6() throws Exception {
        filtering().child("verbs").add("verb", "TRACE", "allowed", "false");
        assertFiltered("TRACE", "/", 404, 6);
        assertPasses("GET", "/");
        filtering().child("verbs").set("allowUnlisted", "false").add("verb", "GET", "allowed", "true");
        assertFiltered("POST", "/", 404, 6);
        assertPasses("GET", "/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%252fb", "/file%2541.txt", "/a+b.txt", "/x%25u0041"})
    void doubleEscapingIs404_11(String target) throws Exception {
        assertFiltered("GET", target, 404, 11);
    }

    @Test
    void doubleEscapingPassesWhenAllowed() throws Exception {
        filtering().set("allowDoubleEscaping", "true");
        assertPasses("GET", "/a%252fb");
        assertPasses("GET", "/a+b.txt");
    }

    @Test
    void highBitCharactersAre404_12WhenNotAllowed() throws Exception {
        filtering().set("allowHighBitCharacters", "false");
        assertFiltered("GET", "/caf%C3%A9.txt", 404, 12);
        assertPasses("GET", "/cafe.txt");
    }

    @Test
    void folderLevelUrlAndQueryLimits() throws Exception {
        filtering().child("requestLimits").set("maxUrl", "10").set("maxQueryString", "5");
        assertFiltered("GET", "/0123456789a", 404, 14);
        assertFiltered("GET", "/a?123456", 404, 15);
        assertPasses("GET", "/abc?12345");
    }

    @Test
    void aFolderBodyLimitIs413_1() throws Exception {
        filtering().child("requestLimits").set("maxAllowedContentLength", "100");
        TestRequestContext tooBig = begin("POST", "/upload");
        tooBig.request().contentLength(101);
        assertRejected(() -> tooBig.raise(PipelineEvent.BEGIN_REQUEST), 413, 1);
        TestRequestContext fits = begin("POST", "/upload");
        fits.request().contentLength(100);
        assertThatCode(() -> fits.raise(PipelineEvent.BEGIN_REQUEST)).doesNotThrowAnyException();
        TestRequestContext chunked = begin("POST", "/upload");
        chunked.request().contentLength(-1);
        assertThatCode(() -> chunked.raise(PipelineEvent.BEGIN_REQUEST)).doesNotThrowAnyException();
    }

    @Test
    void denyQueryStringSequencesAre404_18RawOrUnescaped() throws Exception {
        filtering().child("denyQueryStringSequences").add("sequence", "<script");
        assertFiltered("GET", "/?q=<script", 404, 18);
        assertFiltered("GET", "/?q=%3Cscript", 404, 18);
        filtering().set("unescapeQueryString", "false");
        assertPasses("GET", "/?q=%3Cscript");
    }

    @Test
    void alwaysAllowedUrlsSkipUrlScanning() throws Exception {
        filtering().child("alwaysAllowedUrls").add("url", "/bin/public.txt");
        assertPasses("GET", "/bin/public.txt");
        assertFiltered("GET", "/bin/other.txt", 404, 8);
    }

    @Test
    void headerLimitsAre431() throws Exception {
        filtering().child("requestLimits").child("headerLimits").add("header", "X-Data", "sizeLimit", "8");
        TestRequestContext tooLong = begin("GET", "/", "x-data", "123456789");
        assertRejected(() -> tooLong.raise(PipelineEvent.BEGIN_REQUEST), 431, 0);
        assertPasses("GET", "/", "X-Data", "12345678");
    }

    @Test
    void percentDecodingForScansIsLenient() {
        assertThat(RequestFilter.percentDecode("a%3Cb+c%zz%e2%82%ac")).isEqualTo("a<b c%zz€");
    }
}
