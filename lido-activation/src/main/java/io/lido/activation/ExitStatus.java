package io.lido.activation;

/** Describes a process exit code the way an operator needs it: the code, or the signal that killed it. */
final class ExitStatus {
    /**
     * What a worker exits with when the configuration the host sent it is invalid or lacks its pool (lido-worker
     * WorkerMain.CONFIGURATION_ERROR).
     */
    static final int CONFIGURATION_ERROR = 3;

    private ExitStatus() {
    }

    /** "exit code 3", or "signal 9 (SIGKILL)" for 137 (the shell convention 128+N used by Process). */
    static String describe(int exitCode) {
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            return "exit code " + exitCode + ", signal " + signal + signalName(signal);
        }
        return "exit code " + exitCode;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 3 -> " (SIGQUIT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
