package io.lido.listener.testing;

import io.lido.listener.log.AccessLog;
import io.lido.listener.log.AccessRecord;
import io.lido.listener.log.ErrorLog;
import io.lido.listener.log.ListenerError;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Access and error logs that keep every record in memory for assertions. */
public final class RecordingLogs implements AccessLog, ErrorLog {
    public final List<AccessRecord> access = new CopyOnWriteArrayList<>();
    public final List<ListenerError> errors = new CopyOnWriteArrayList<>();

    @Override
    public void record(long siteId, AccessRecord entry) {
        access.add(entry);
    }

    @Override
    public void record(ListenerError entry) {
        errors.add(entry);
    }
}
