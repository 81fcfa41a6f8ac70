package io.lido.activation;

import io.lido.ipc.frame.DomainStatusCodec;

import java.util.List;

/**
 * What one worker process said of its applications' domains for {@code lido list app}.
 *
 * @param pid          the worker
 * @param applications each application it hosts with its domain state; empty when it did not answer
 * @param failure      why it did not answer (its connection failed, or it took too long); null when it did
 */
public record WorkerDomains(long pid, List<DomainStatusCodec.Application> applications, String failure) {
    public WorkerDomains {
        applications = List.copyOf(applications);
    }
}
