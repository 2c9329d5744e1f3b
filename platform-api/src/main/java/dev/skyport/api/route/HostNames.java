package dev.skyport.api.route;

import java.util.Locale;

/** One spelling for host names, so that {@code Shop.Example.com.:443} and {@code shop.example.com} are the same key. */
public final class HostNames {

    private HostNames() {
    }

    /** Lower-cases, drops a port and a trailing dot; keeps IPv6 literals in brackets. */
    public static String normalize(String host) {
        if (host == null) {
            return "";
        }
        String h = host.strip();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h.toLowerCase(Locale.ROOT) : h.substring(0, close + 1).toLowerCase(Locale.ROOT);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
