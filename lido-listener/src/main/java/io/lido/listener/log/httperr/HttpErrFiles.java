package io.lido.listener.log.httperr;

import io.lido.listener.log.ListenerError;
import io.lido.listener.log.w3c.LogBatchWriter;
import io.lido.listener.log.w3c.LogFile;
import io.lido.listener.log.w3c.NumberedLogFiles;
import io.lido.listener.log.w3c.W3cFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code HTTPERR/httperrN.log} on the writer thread. Like HTTP.sys, the number only grows: a file that
 * reaches the size limit is left as it is and the next number starts, and a restart continues the newest
 * file while it has room.
 */
final class HttpErrFiles implements LogBatchWriter<ListenerError> {
    private final NumberedLogFiles files;
    private final long maxFileBytes;
    private final Clock clock;
    private final LongSupplier takeDrops;
    private LogFile file;
    private int number;

    /**
     * @param takeDrops hands over (and resets) the number of entries dropped since the last call
     */
    HttpErrFiles(Path folder, long maxFileBytes, Clock clock, LongSupplier takeDrops) {
        this.files = new NumberedLogFiles(folder, "httperr");
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
        this.takeDrops = takeDrops;
    }

    @Override
    public void write(List<ListenerError> batch) {
        for (ListenerError error : batch) {
            current().writeLine(HttpErrLine.format(error));
        }
        long dropped = takeDrops.getAsLong();
        if (dropped > 0) {
            current().writeLine("#Remark: " + dropped + " entries were not logged because the log queue was full");
        }
    }

    private LogFile current() {
        if (file != null && file.size() < maxFileBytes) {
            return file;
        }
        if (file != null) {
            LogFile full = file;
            file = null;
            full.close();
            number++;
        } else {
            number = files.continueOrNext(maxFileBytes);
        }
        file = LogFile.open(files.path(number), W3cFormat.header(clock.instant(), HttpErrLine.FIELDS));
        return file;
    }

    @Override
    public void flush() {
        if (file != null) {
            file.flush();
        }
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
