package io.lido.modules.staticfile;

import io.lido.modules.filtering.RequestFilteringRules;
import io.lido.modules.support.SectionCache;
import io.lido.modules.testing.TestRequestContext;
import io.lido.modules.testing.TestSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static io.lido.modules.testing.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/** Folders (slash redirect, default documents, listings, 403.14) and never leaving the root. */
class DirectoryAndContainmentTest {
    @TempDir
    Path temp;
    private Path root;
    private Path outside;
    private TestSite site;
    private final StaticFileHandler handler = new StaticFileHandler(new SectionCache<>(RequestFilteringRules::from), Clock.systemUTC());

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(temp.resolve("www"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "CANARY");
        site = new TestSite(root);
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/index.html"), "index");
        Files.writeString(root.resolve("sub/Default.htm"), "default");
        Files.createDirectories(root.resolve("empty"));
        Path list = Files.createDirectories(root.resolve("list"));
        Files.writeString(list.resolve("a&b<c>.txt"), "x");
        Files.writeString(list.resolve("space name.txt"), "x");
        Files.writeString(list.resolve("\"quote'.txt"), "x");
        Files.createDirectories(list.resolve("inner"));
        Files.createDirectories(list.resolve("bin"));
        Files.writeString(list.resolve(".hidden"), "x");
        Files.createSymbolicLink(list.resolve("escape.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Files.writeString(root.resolve("real.txt"), "inside");
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("real.txt"));
    }

    private TestRequestContext get(String target) throws Exception {
        TestRequestContext context = site.get(target);
        handler.processRequest(context);
        return context;
    }

    private void enableBrowsing() {
        site.config().section("system.webServer/directoryBrowse").set("enabled", "true");
    }

    @Test
    void aFolderWithoutSlashIsRedirectedKeepingTheQuery() throws Exception {
        TestRequestContext context = get("/sub?a=1&b=2");
        assertThat(context.response().status()).isEqualTo(301);
        assertThat(context.response().header("Location")).isEqualTo("/sub/?a=1&b=2");
        assertThat(get("/s%75b").response().header("Location")).isEqualTo("/s%75b/");
        assertThat(context.transmitted()).isEmpty();
    }

    @Test
    void theFirstExistingDefaultDocumentInConfiguredOrderIsServed() throws Exception {
        TestRequestContext context = get("/sub/");
        assertThat(context.response().status()).isEqualTo(200);
        assertThat(context.response().contentType()).isEqualTo("text/html");
        assertThat(context.transmitted().getFirst().file()).isEqualTo(root.resolve("sub/Default.htm").toRealPath());
        site.config().section("system.webServer/defaultDocument").child("files").clear()
                .add("value", "missing.html").add("value", "index.html").add("value", "Default.htm");
        assertThat(get("/sub/").transmitted().getFirst().file()).isEqualTo(root.resolve("sub/index.html").toRealPath());
    }

    @Test
    void defaultDocumentsThatAreNotPlainNamesAreSkipped() throws Exception {
        site.config().section("system.webServer/defaultDocument").child("files").clear()
                .add("value", "../outside/secret.txt").add("value", "..");
        assertRejected(() -> get("/"), 403, 14);
    }

    @Test
    void aFolderWithoutDefaultDocumentOrBrowsingIs403_14() throws Exception {
        assertRejected(() -> get("/empty/"), 403, 14);
        site.config().section("system.webServer/defaultDocument").set("enabled", "false");
        assertRejected(() -> get("/sub/"), 403, 14);
    }

    @Test
    void directoryListingEscapesNamesAndEncodesLinks() throws Exception {
        enableBrowsing();
        TestRequestContext context = get("/list/");
        String html = context.response().bodyText();
        assertThat(context.response().status()).isEqualTo(200);
        assertThat(context.response().contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(html).contains("<title>localhost - /list/</title>")
                .contains("<a href=\"/\">[To Parent Directory]</a>")
                .contains("<a href=\"/list/a%26b%3Cc%3E.txt\">a&amp;b&lt;c&gt;.txt</a>")
                .contains("<a href=\"/list/space%20name.txt\">space name.txt</a>")
                .contains("<a href=\"/list/%22quote%27.txt\">&quot;quote&#39;.txt</a>")
                .contains("&lt;dir&gt; <a href=\"/list/inner/\">inner</a>")
                .doesNotContain("a&b<c>")
                .doesNotContain("escape.txt")
                .doesNotContain(".hidden")
                .doesNotContain(">bin<");
    }

    @Test
    void listingColumnsFollowShowFlags() throws Exception {
        enableBrowsing();
        site.config().section("system.webServer/directoryBrowse").set("showFlags", "None");
        String html = get("/list/").response().bodyText();
        assertThat(html).doesNotContain("&lt;dir&gt;").contains("<br><a href=\"/list/a%26b%3Cc%3E.txt\">a&amp;b&lt;c&gt;</a>");
        assertThat(DirectorySettings.showFlags("")).containsExactlyInAnyOrder(DirectorySettings.ShowFlag.DATE,
                DirectorySettings.ShowFlag.TIME, DirectorySettings.ShowFlag.SIZE, DirectorySettings.ShowFlag.EXTENSION);
    }

    @Test
    void theSiteRootListingHasNoParentLink() throws Exception {
        enableBrowsing();
        Files.delete(root.resolve("sub/index.html"));
        site.config().section("system.webServer/defaultDocument").set("enabled", "false");
        assertThat(get("/").response().bodyText()).doesNotContain("[To Parent Directory]").contains("real.txt");
    }

    @Test
    void aSymlinkPointingOutsideTheRootIs404() throws Exception {
        assertRejected(() -> get("/link.txt"), 404, 0);
        assertRejected(() -> get("/linkdir/secret.txt"), 404, 0);
        assertRejected(() -> get("/linkdir/"), 404, 0);
    }

    @Test
    void symlinkLoopsAreNotFoundAndLeftOutOfListings() throws Exception {
        Files.createSymbolicLink(root.resolve("list/loop"), root.resolve("list/loop"));
        Files.createSymbolicLink(root.resolve("through.txt"), root.resolve("real.txt/x"));
        assertRejected(() -> get("/list/loop"), 404, 0);
        assertRejected(() -> get("/through.txt"), 404, 0);
        enableBrowsing();
        assertThat(get("/list/").response().bodyText()).contains("inner").doesNotContain("loop");
    }

    @Test
    void aSymlinkInsideTheRootIsServedUnderTheRequestedName() throws Exception {
        TestRequestContext context = get("/alias.txt");
        assertThat(context.response().contentType()).isEqualTo("text/plain");
        assertThat(context.transmitted().getFirst().file()).isEqualTo(root.resolve("real.txt").toRealPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%2e%2e/outside/secret.txt", "/sub/%2E%2E/%2e%2e/outside/secret.txt",
            "/..%2foutside/secret.txt", "/a%5c..%5c..%5coutside%5csecret.txt", "/secret.txt%00.html", "/real.txt::$DATA",
            "/.../x", "/sub/./../real.txt"})
    void traversalAttemptsAreRejectedWhateverTheEncoding(String target) throws Exception {
        TestRequestContext context = site.get(target);
        assertRejected(() -> handler.processRequest(context), 400, 0);
        assertThat(context.transmitted()).isEmpty();
    }

    @Test
    void hiddenSegmentsAreNeverServedEvenWithoutTheFilteringModule() throws Exception {
        Files.writeString(root.resolve("web.config"), "<configuration/>");
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("bin/app.txt"), "code");
        assertRejected(() -> get("/Web.config"), 404, 8);
        assertRejected(() -> get("/bin/app.txt"), 404, 8);
        assertRejected(() -> get("/bin/"), 404, 8);
    }

    @Test
    void aPhysicalRootThatDoesNotExistIs404() throws Exception {
        TestSite missing = new TestSite(temp.resolve("nowhere"));
        assertRejected(() -> handler.processRequest(missing.get("/x.txt")), 404, 0);
    }
}
