package io.lido.config;

/** Lido's {@code hostingModel} pool attribute: where the pool's applications run. */
public enum HostingModel {
    /** In worker JVMs started and supervised by the host (the default). */
    OUT_OF_PROCESS,
    /** Inside the host process. */
    IN_PROCESS
}
