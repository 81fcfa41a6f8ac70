package io.lido.modules.testing;

import io.lido.config.SiteConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * A root application over a temp folder, with a naive path mapping (the URL path resolved under the
 * root without any checks), so tests show that the modules' own containment checks hold.
 */
public final class TestSite {
    private final Path root;
    private final SiteConfig.Application application;
    private final TestWebConfig config = IisDefaults.webConfig();

    public TestSite(Path root) {
        this.root = root;
        this.application = new SiteConfig.Application("/", "DefaultAppPool", false,
                List.of(new SiteConfig.VirtualDirectory("/", root, null)), null);
    }

    public Path root() {
        return root;
    }

    public TestWebConfig config() {
        return config;
    }

    public SiteConfig.Application application() {
        return application;
    }

    /** A request for a raw target on this site. */
    public TestRequestContext request(String method, String rawTarget, String... headerPairs) {
        TestRequest request = new TestRequest(method, rawTarget, path -> root.resolve(path.substring(1)));
        request.header("Host", "localhost");
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return new TestRequestContext(request, config, application);
    }

    public TestRequestContext get(String rawTarget, String... headerPairs) {
        return request("GET", rawTarget, headerPairs);
    }
}
