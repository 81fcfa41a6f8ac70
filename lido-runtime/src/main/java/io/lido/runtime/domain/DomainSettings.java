package io.lido.runtime.domain;

import io.lido.config.ConfigElement;
import io.lido.config.WebConfig;

import java.time.Duration;

/**
 * The application's web.config settings that govern its domains, with ASP.NET's names:
 * {@code system.web/hostingEnvironment} {@code shadowCopyBinAssemblies} and {@code shutdownTimeout}
 * (how long an old domain's requests may take to drain), and {@code system.web/httpRuntime}
 * {@code fcnMode} ("Disabled" turns file change notifications off), {@code waitChangeNotification}
 * and {@code maxWaitChangeNotification} (seconds; they lengthen the quiet period and its cap).
 */
record DomainSettings(boolean shadowCopy, Duration shutdownTimeout, boolean watchFiles, Duration quietPeriod,
                      Duration maxWait) {

    /** Quiet period before a restart when web.config asks for none: long enough for a copy of many files. */
    static final Duration DEFAULT_QUIET = Duration.ofMillis(250);
    /** A steady stream of changes still restarts after this long. */
    static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(1500);
    /** What applies when web.config cannot be read (it is invalid: the domain start reports that). */
    static final DomainSettings DEFAULTS = new DomainSettings(true, Duration.ofSeconds(30), true, DEFAULT_QUIET,
            DEFAULT_MAX_WAIT);

    static DomainSettings read(WebConfig web) {
        ConfigElement hosting = web.section("system.web/hostingEnvironment");
        ConfigElement runtime = web.section("system.web/httpRuntime");
        Duration quiet = longer(DEFAULT_QUIET, Duration.ofSeconds(runtime.integer("waitChangeNotification")));
        Duration maxWait = longer(DEFAULT_MAX_WAIT, Duration.ofSeconds(runtime.integer("maxWaitChangeNotification")));
        return new DomainSettings(hosting.bool("shadowCopyBinAssemblies"), hosting.duration("shutdownTimeout"),
                !runtime.attribute("fcnMode").equalsIgnoreCase("Disabled"), quiet, longer(quiet, maxWait));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
