package io.lido.listener.log.w3c;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The W3C fields of one site, resolved once from its {@code logFile logExtFileFlags} (when the configuration
 * is applied, never per request): which fields a line holds, in the order IIS writes them, the
 * {@code #Fields} directive that names them, and the site and computer names the lines repeat.
 *
 * @param fields        field numbers (indexes into {@link #FLAGS}), in IIS's order
 * @param names         the {@code #Fields} value, space separated
 * @param siteName      s-sitename (IIS writes {@code W3SVC<id>})
 * @param computerName  s-computername
 */
record W3cFields(int[] fields, String names, String siteName, String computerName) {

    /** IIS's flags in the order IIS writes their fields. */
    static final List<String> FLAGS = List.of("Date", "Time", "SiteName", "ComputerName", "ServerIP", "Method",
            "UriStem", "UriQuery", "ServerPort", "UserName", "ClientIP", "ProtocolVersion", "UserAgent", "Cookie",
            "Referer", "Host", "HttpStatus", "HttpSubStatus", "Win32Status", "BytesSent", "BytesRecv", "TimeTaken");
    /** The W3C field name of each of {@link #FLAGS}. */
    static final List<String> NAMES = List.of("date", "time", "s-sitename", "s-computername", "s-ip", "cs-method",
            "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip", "cs-version", "cs(User-Agent)",
            "cs(Cookie)", "cs(Referer)", "cs-host", "sc-status", "sc-substatus", "sc-win32-status", "sc-bytes",
            "cs-bytes", "time-taken");
    /** IIS's default {@code logExtFileFlags}. */
    static final String DEFAULT_FLAGS = "Date,Time,ClientIP,UserName,ServerIP,Method,UriStem,UriQuery,TimeTaken,"
            + "HttpStatus,Win32Status,ServerPort,UserAgent,HttpSubStatus,Referer";

    static final int DATE = 0;
    static final int TIME = 1;
    static final int SITE_NAME = 2;
    static final int COMPUTER_NAME = 3;
    static final int COOKIE = 13;

    /**
     * The fields {@code flags} names (comma separated, any order and case, as the configuration allows).
     *
     * @throws IllegalArgumentException for a flag IIS does not have, or Cookie, which Lido cannot log yet
     */
    static W3cFields of(String flags, long siteId) {
        boolean[] wanted = new boolean[FLAGS.size()];
        for (String flag : (flags == null ? DEFAULT_FLAGS : flags).split(",")) {
            String f = flag.trim();
            if (f.isEmpty()) {
                continue;
            }
            int index = index(f);
            if (index < 0 || index == COOKIE) {
                throw new IllegalArgumentException("logExtFileFlags \"" + f + "\" is not supported");
            }
            wanted[index] = true;
        }
        List<Integer> fields = new ArrayList<>();
        StringJoiner names = new StringJoiner(" ");
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i]) {
                fields.add(i);
                names.add(NAMES.get(i));
            }
        }
        return new W3cFields(fields.stream().mapToInt(Integer::intValue).toArray(), names.toString(),
                "W3SVC" + siteId, wanted[COMPUTER_NAME] ? localComputerName() : null);
    }

    private static int index(String flag) {
        for (int i = 0; i < FLAGS.size(); i++) {
            if (FLAGS.get(i).toLowerCase(Locale.ROOT).equals(flag.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    // Looked up once per configuration, and only for a site that logs s-computername.
    private static String localComputerName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "localhost" : env;
        }
    }
}
