package io.lido.listener.codec;

/**
 * Validates one connection's Host values and remembers the verdict for the last valid one: a client
 * sends the same Host on every request of a keep-alive connection, so the syntax check and the
 * host-name extraction run once per connection instead of once per request. Event-loop only.
 */
final class HostCheck {
    private String lastValue;
    private String lastHostName;

    /** The host name of {@code value} (see {@link HostSyntax#hostName}), or null when it is not valid. */
    String hostName(String value) {
        if (value.equals(lastValue)) {
            return lastHostName;
        }
        if (!HostSyntax.isValid(value)) {
            return null;
        }
        lastHostName = HostSyntax.hostName(value);
        lastValue = value;
        return lastHostName;
    }
}
