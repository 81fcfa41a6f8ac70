package io.lido.runtime.session;

import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;
import io.lido.config.HostingModel;

import java.time.Duration;
import java.util.Objects;

/**
 * An application's {@code system.web/sessionState}, bound and checked once when its domain loads
 * (ASP.NET reads the section at application level only).
 *
 * @param mode                      where sessions live
 * @param timeout                   the default sliding timeout
 * @param cookieName                the session cookie's name
 * @param regenerateExpiredSessionId whether a request with an unknown id gets a new id (true) or reuses it
 * @param sameSite                  the cookie's SameSite attribute, or null for none ("Unspecified")
 * @param lockTimeout               how long a request may hold a session lock before the store breaks it
 *                                  ({@code httpRuntime/@executionTimeout}, as ASP.NET)
 */
public record SessionStateSettings(SessionStateMode mode, Duration timeout, String cookieName,
                                   boolean regenerateExpiredSessionId, String sameSite, Duration lockTimeout) {

    /** ASP.NET's upper bound for {@code timeout}: one year. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(525_600);

    public SessionStateSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cookieName, "cookieName");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    /**
     * Binds the effective section. An absent {@code mode} means "by hosting model": StateServer for an
     * out-of-process pool when this process has a StateServer, else InProc.
     *
     * @param stateServerAvailable whether this process was given a StateServer connector
     * @throws ConfigException naming the file, line and attribute of a setting Lido does not support
     */
    public static SessionStateSettings bind(ConfigElement section, ConfigElement httpRuntime, HostingModel hosting,
                                            boolean stateServerAvailable) {
        SessionStateMode mode = mode(section, hosting, stateServerAvailable);
        String cookieless = section.attribute("cookieless");
        if (mode != SessionStateMode.OFF && !cookieless.equals("UseCookies") && !cookieless.equals("false")) {
            throw unsupported(section, "cookieless", cookieless, "use cookieless=\"UseCookies\"");
        }
        Duration timeout = section.duration("timeout");
        if (timeout.compareTo(Duration.ofMinutes(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new ConfigException(section.location().orElse(null), "<sessionState> in system.web: attribute"
                    + " \"timeout\" must be between 1 and 525600 minutes, not " + timeout.toMinutes());
        }
        String cookieName = section.attribute("cookieName");
        if (cookieName.isBlank() || !cookieName.chars().allMatch(SessionStateSettings::isTokenChar)) {
            throw new ConfigException(section.location().orElse(null), "<sessionState> in system.web: attribute"
                    + " \"cookieName\" \"" + cookieName + "\" is not a valid cookie name (letters, digits and !#$%&'*+-.^_`|~)");
        }
        String sameSite = section.attribute("cookieSameSite");
        return new SessionStateSettings(mode, timeout, cookieName, section.bool("regenerateExpiredSessionId"),
                sameSite.isEmpty() || sameSite.equals("Unspecified") ? null : sameSite,
                httpRuntime.duration("executionTimeout"));
    }

    private static SessionStateMode mode(ConfigElement section, HostingModel hosting, boolean stateServerAvailable) {
        String mode = section.attribute("mode");
        return switch (mode) {
            case "" -> hosting == HostingModel.OUT_OF_PROCESS && stateServerAvailable
                    ? SessionStateMode.STATE_SERVER : SessionStateMode.IN_PROC;
            case "Off" -> SessionStateMode.OFF;
            case "InProc" -> SessionStateMode.IN_PROC;
            case "StateServer" -> {
                if (!stateServerAvailable) {
                    throw new ConfigException(section.location().orElse(null), "<sessionState> in system.web: attribute"
                            + " \"mode\" is \"StateServer\", but StateServer is not available in this process;"
                            + " use InProc or run the application in a Lido server");
                }
                yield SessionStateMode.STATE_SERVER;
            }
            default -> throw unsupported(section, "mode", mode, "use InProc or StateServer");
        };
    }

    private static ConfigException unsupported(ConfigElement section, String attribute, String value, String advice) {
        return new ConfigException(section.location().orElse(null), "<sessionState> in system.web: attribute \""
                + attribute + "\" value \"" + value + "\" is not supported by Lido; " + advice);
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
