package io.lido.listener.log.w3c;

import io.lido.config.SiteConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The open W3C log file of every site, on the writer thread: picks {@code <directory>/W3SVC<id>/<name>},
 * starts a new file when the period changes (only forward: a record that completed a few milliseconds
 * before midnight but reached the writer after it stays in the new file rather than reopening the old
 * one), and numbers MaxSize files.
 */
final class W3cSiteFiles implements LogBatchWriter<SiteEntry> {
    /** IIS's default {@code logFile/@truncateSize}, used by the MaxSize period. */
    static final long TRUNCATE_SIZE = 20_971_520L;

    private final Clock clock;
    private final Consumer<Map<Long, SiteLogDrops>> dropsReporter;
    private final Map<Long, Open> open = new HashMap<>();
    private final W3cLine lineFormat = new W3cLine();

    /**
     * @param dropsReporter called after each batch with a map to fill with the drops to remark on
     */
    W3cSiteFiles(Clock clock, Consumer<Map<Long, SiteLogDrops>> dropsReporter) {
        this.clock = clock;
        this.dropsReporter = dropsReporter;
    }

    /** How many entries of a site were dropped, with the settings to find its file. */
    record SiteLogDrops(SiteConfig.LogFile settings, W3cFields fields, long count) {
    }

    private record Open(SiteConfig.LogFile settings, LogPeriod period, Instant nextStart, LogFile file) {
    }

    @Override
    public void write(List<SiteEntry> batch) {
        for (SiteEntry entry : batch) {
            LineBuffer line = lineFormat.format(entry.record(), entry.fields());
            fileFor(entry.siteId(), entry.settings(), entry.fields(), entry.record().time())
                    .writeLine(line.array(), line.length());
        }
        Map<Long, SiteLogDrops> drops = new HashMap<>();
        dropsReporter.accept(drops);
        drops.forEach((siteId, d) -> fileFor(siteId, d.settings(), d.fields(), clock.instant()).writeLine(
                "#Remark: " + d.count() + " entries were not logged because the log queue was full"));
    }

    // Settings that differ (their logExtFileFlags among them) reopen the file: a new header block.
    private LogFile fileFor(long siteId, SiteConfig.LogFile settings, W3cFields fields, Instant time) {
        Open current = open.get(siteId);
        if (current != null && current.settings().equals(settings) && !rollsOver(current, time)) {
            return current.file();
        }
        if (current != null) {
            open.remove(siteId);
            current.file().close();
        }
        LogPeriod period = LogPeriod.parse(settings.period());
        Path folder = settings.directory().resolve("W3SVC" + siteId);
        Path path = period == LogPeriod.MAX_SIZE ? numbered(folder) : folder.resolve(period.fileName(time));
        LogFile file = LogFile.open(path, W3cFormat.header(clock.instant(), fields.names()));
        open.put(siteId, new Open(settings, period, period.nextStart(time), file));
        return file;
    }

    // A MaxSize file that filled up gives way to the next number; a first open continues the newest one.
    private static Path numbered(Path folder) {
        NumberedLogFiles files = new NumberedLogFiles(folder, "u_extend");
        return files.path(files.continueOrNext(TRUNCATE_SIZE));
    }

    // Only forward: an entry that completed just before the boundary but reached the writer after a newer
    // one stays in the current file rather than reopening the previous one.
    private static boolean rollsOver(Open current, Instant time) {
        if (current.period() == LogPeriod.MAX_SIZE) {
            return current.file().size() >= TRUNCATE_SIZE;
        }
        return !time.isBefore(current.nextStart());
    }

    @Override
    public void flush() {
        open.values().forEach(o -> o.file().flush());
    }

    @Override
    public void close() {
        open.values().forEach(o -> o.file().close());
        open.clear();
    }
}
