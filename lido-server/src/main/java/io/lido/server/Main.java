package io.lido.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lido} command. Verbs are subcommands: {@code run} ({@link RunCommand}) and the appcmd-style
 * verbs that talk to a running Lido ({@link ControlVerbs}: recycle, start, stop, list).
 */
@Command(name = "lido", mixinStandardHelpOptions = true, version = "Lido 0.1.0",
        description = "An IIS-style application server for the JVM.",
        subcommands = {RunCommand.class, ControlVerbs.Recycle.class, ControlVerbs.Start.class,
                ControlVerbs.Stop.class, ControlVerbs.List.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status (2 for a usage or configuration error). */
    public static void main(String[] args) {
        LidoHome.publish();
        System.exit(commandLine().execute(args));
    }

    /** The picocli command line, for tests that run a verb in-process and read its output. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    /** {@code lido} without a verb: explain the verbs. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'lido run'");
    }
}
