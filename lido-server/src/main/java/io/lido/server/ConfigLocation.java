package io.lido.server;

import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which applicationHost.config a command means: {@code --config FILE}, else the {@value #VARIABLE} environment
 * variable (a configuration kept outside the distribution, e.g. {@code /etc/lido/applicationHost.config} in a
 * systemd unit, found the same way by {@code lido run} and the control verbs), else the distribution's
 * {@code conf/applicationHost.config}.
 */
final class ConfigLocation {
    static final String VARIABLE = "LIDO_CONFIG";

    private ConfigLocation() {
    }

    static Path resolve(Path option, CommandLine commandLine) {
        return resolve(option, System.getenv(), commandLine);
    }

    static Path resolve(Path option, Map<String, String> environment, CommandLine commandLine) {
        if (option != null) {
            return option;
        }
        String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        return LidoHome.find().map(LidoHome::defaultConfig).orElseThrow(() -> new CommandLine.ParameterException(
                commandLine, "cannot tell where Lido is installed (no -D" + LidoHome.PROPERTY + ", no " + VARIABLE
                        + ", and not run from a distribution's lib/): pass --config FILE"));
    }
}
