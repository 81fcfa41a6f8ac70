package io.lido.listener.log.w3c;

import io.lido.config.SiteConfig;
import io.lido.listener.log.AccessLog;
import io.lido.listener.log.AccessRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IIS's W3C extended access log: one file per site and period,
 * {@code <logFile directory>/W3SVC<siteId>/u_exYYMMDD.log} (Daily; Hourly, Weekly, Monthly and MaxSize as
 * IIS names them), rolled over in UTC, with the fields of the site's {@code logExtFileFlags} (IIS's order) and
 * IIS's header block. When a site's fields change (a configuration change), the next line opens its file
 * again, which writes a new header block whose {@code #Fields} name the lines below it, as IIS does.
 *
 * <p>The listener calls {@link #record} on event-loop threads for every completed exchange; the call only
 * queues. One background thread writes, flushing at least once a second. When the disk falls behind and
 * the queue is full, entries are dropped rather than stalling the event loop; the count of dropped entries
 * is written into the site's log as a {@code #Remark} line and reported through SLF4J. Sites whose
 * {@code logFile enabled="false"} write nothing. {@link #close} writes everything queued before it returns.
 */
public final class W3cAccessLog implements AccessLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(W3cAccessLog.class);
    /** Enough for a few seconds of a busy server; each entry is a few hundred bytes. */
    static final int DEFAULT_CAPACITY = 65_536;

    private final LogQueue<SiteEntry> queue;
    private final Map<Long, LongAdder> drops = new ConcurrentHashMap<>();
    private volatile Map<Long, SiteLog> settings = Map.of();

    /** A site's settings and the fields they name, resolved when the settings are applied. */
    private record SiteLog(SiteConfig.LogFile settings, W3cFields fields) {
    }

    /**
     * Starts the writer thread.
     *
     * @param sites the sites and their {@code logFile} settings
     * @param clock gives the {@code #Date} of each new file; file periods follow each record's own time
     * @throws IllegalArgumentException when a site has a {@code period} that is not an IIS period
     */
    public W3cAccessLog(List<SiteConfig> sites, Clock clock) {
        this(sites, clock, DEFAULT_CAPACITY);
    }

    W3cAccessLog(List<SiteConfig> sites, Clock clock, int capacity) {
        configure(sites);
        this.queue = new LogQueue<>("W3C access log", capacity, Duration.ofSeconds(1),
                new W3cSiteFiles(clock, this::takeDrops));
    }

    /**
     * Applies new site settings (after a configuration change); records already queued keep the settings
     * they were recorded with.
     *
     * @throws IllegalArgumentException when a site has a {@code period} that is not an IIS period, or
     *                                  logging enabled without a directory
     */
    public void configure(List<SiteConfig> sites) {
        Map<Long, SiteLog> next = new HashMap<>();
        for (SiteConfig site : sites) {
            SiteConfig.LogFile logFile = site.logFile();
            try {
                LogPeriod.parse(logFile.period());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("site \"" + site.name() + "\" (id " + site.id() + "): "
                        + e.getMessage(), e);
            }
            if (logFile.enabled() && logFile.directory() == null) {
                throw new IllegalArgumentException("site \"" + site.name() + "\" (id " + site.id()
                        + "): logFile is enabled but has no directory");
            }
            W3cFields fields;
            try {
                fields = W3cFields.of(logFile.logExtFileFlags(), site.id());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("site \"" + site.name() + "\" (id " + site.id() + "): "
                        + e.getMessage(), e);
            }
            next.put(site.id(), new SiteLog(logFile, fields));
        }
        settings = Map.copyOf(next);
    }

    @Override
    public void record(long siteId, AccessRecord entry) {
        SiteLog log = settings.get(siteId);
        if (log == null || !log.settings().enabled()) {
            return;
        }
        if (!queue.offer(new SiteEntry(siteId, log.settings(), log.fields(), entry))) {
            drops.computeIfAbsent(siteId, id -> new LongAdder()).increment();
        }
    }

    /** Entries dropped because the queue was full (or the log closed) since start. */
    public long dropped() {
        return queue.dropped();
    }

    /** Writes and flushes every queued entry, closes the files and stops the writer thread. */
    @Override
    public void close() {
        queue.close();
    }

    // On the writer thread, after each batch: hand over the drop counts to be remarked in each site's file.
    private void takeDrops(Map<Long, W3cSiteFiles.SiteLogDrops> into) {
        drops.forEach((siteId, count) -> {
            long n = count.sumThenReset();
            SiteLog log = settings.get(siteId);
            if (n > 0 && log != null && log.settings().enabled()) {
                LOG.warn("W3C access log of site {}: {} entries dropped because the log queue was full", siteId, n);
                into.put(siteId, new W3cSiteFiles.SiteLogDrops(log.settings(), log.fields(), n));
            }
        });
    }
}
