package io.lido.runtime.cache;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Whether memory use is over the cache's limits. ASP.NET measures the worker's private bytes; the JVM's
 * equivalent that an application's objects fill is the heap in use, so {@code privateBytesLimit} is
 * compared with that. {@code percentagePhysicalMemoryUsedLimit} is the machine's memory in use.
 */
final class MemoryPressure {
    private final CacheSettings settings;
    private final LongSupplier heapUsed;
    private final IntSupplier physicalPercentUsed;

    MemoryPressure(CacheSettings settings, LongSupplier heapUsed, IntSupplier physicalPercentUsed) {
        this.settings = settings;
        this.heapUsed = heapUsed;
        this.physicalPercentUsed = physicalPercentUsed;
    }

    /** Reads this JVM's heap and the machine's memory. */
    static MemoryPressure of(CacheSettings settings) {
        return new MemoryPressure(settings, MemoryPressure::heapInUse, MemoryPressure::physicalPercent);
    }

    /** Whether a limit is set and exceeded now. */
    boolean over() {
        if (settings.privateBytesLimit() > 0 && heapUsed.getAsLong() > settings.privateBytesLimit()) {
            return true;
        }
        return settings.percentagePhysicalMemoryUsedLimit() > 0
                && physicalPercentUsed.getAsInt() > settings.percentagePhysicalMemoryUsedLimit();
    }

    private static long heapInUse() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static int physicalPercent() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            return total <= 0 ? 0 : (int) ((total - os.getFreeMemorySize()) * 100 / total);
        }
        return 0;
    }
}
