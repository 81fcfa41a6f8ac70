package io.lido.servlet;

import io.lido.runtime.servlet.ServletApplication;
import io.lido.runtime.servlet.ServletContainer;
import io.lido.runtime.servlet.WebApplicationSpec;

/** Lido's servlet container: Jetty 12's ee11 (Servlet 6.1) layer, one Jetty server per web application domain. */
public final class JettyServletContainer implements ServletContainer {

    @Override
    public ServletApplication deploy(WebApplicationSpec spec) throws Exception {
        return JettyWebApplication.start(spec);
    }

    @Override
    public String toString() {
        return "JettyServletContainer[ee11]";
    }
}
