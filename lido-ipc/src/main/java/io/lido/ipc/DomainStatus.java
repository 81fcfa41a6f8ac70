package io.lido.ipc;

import java.time.Instant;

/**
 * What one application's domains are doing, for {@code lido list app}: reported by the runtime that hosts
 * the application (in the host for an in-process pool, by each worker over APP_STATUS frames otherwise).
 *
 * @param state             "Serving", "Failed" (no domain could start), "Offline" (app_offline.htm) or "Stopped"
 * @param servingGeneration the serving domain's generation (1 for the first), 0 when none serves
 * @param lastStart         the last attempt to start a domain; null before any
 */
public record DomainStatus(String state, int servingGeneration, DomainStatus.DomainStart lastStart) {

    /**
     * After a start that failed: why, and what serves instead ("boom (java.lang.IllegalStateException at
     * app.Global.onStart(Global.java:9)); domain 2 keeps serving").
     */
    public String afterFailedStart() {
        String why = lastStart == null || lastStart.error() == null ? "no error was recorded" : lastStart.error();
        return why + "; " + (servingGeneration > 0 ? "domain " + servingGeneration + " keeps serving"
                : "the application is " + state);
    }

    /**
     * One attempt to start a domain.
     *
     * @param generation the generation it was to have
     * @param reason     "start" for the application's first domain, else the restart reason as the log words it
     *                   ("manual", "bin change", "configuration change", "app_offline.htm")
     * @param at         when the attempt ended
     * @param error      why it failed, on one line; null when the domain started
     */
    public record DomainStart(int generation, String reason, Instant at, String error) {
        public boolean succeeded() {
            return error == null;
        }
    }
}
