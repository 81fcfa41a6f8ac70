package io.lido.listener.log.w3c;

import io.lido.config.SiteConfig;
import io.lido.listener.log.AccessRecord;

/**
 * A queued access record with the log settings of its site at the time it was recorded, so the writer
 * thread never reads configuration that is being swapped; {@code fields} were resolved from the settings
 * once, when they were applied.
 */
record SiteEntry(long siteId, SiteConfig.LogFile settings, W3cFields fields, AccessRecord record) {
}
