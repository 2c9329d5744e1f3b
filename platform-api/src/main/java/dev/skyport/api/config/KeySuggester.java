package dev.skyport.api.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** "Did you mean" for misspelled keys: same letters in another spelling, a common alias, or a near miss. */
final class KeySuggester {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("env", "environment"),
            Map.entry("envs", "environment"),
            Map.entry("variables", "environment"),
            Map.entry("cmd", "command"),
            Map.entry("entrypoint", "command"),
            Map.entry("args", "command"),
            Map.entry("health", "health_check"),
            Map.entry("healthz", "health_check"),
            Map.entry("route", "path"),
            Map.entry("prefix", "path"),
            Map.entry("ports", "port"),
            Map.entry("dir", "context"),
            Map.entry("directory", "context"),
            Map.entry("src", "context"),
            Map.entry("source", "context"),
            Map.entry("build", "context"),
            Map.entry("version", "runtime_version"),
            Map.entry("language", "runtime"),
            Map.entry("lang", "runtime"),
            Map.entry("kind", "type"),
            Map.entry("name", "app"),
            Map.entry("services", "deployments"),
            Map.entry("items", "deployments"));

    private KeySuggester() {
    }

    static Optional<String> suggest(String unknown, List<String> known) {
        String normalized = normalize(unknown);
        for (String key : known) {
            if (normalize(key).equals(normalized)) {
                return Optional.of(key);
            }
        }
        String alias = ALIASES.get(normalized);
        if (alias != null && known.contains(alias)) {
            return Optional.of(alias);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            int distance = distance(normalized, normalize(key));
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        int allowed = normalized.length() <= 4 ? 1 : 2;
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The sentence for an unknown key: a suggestion when there is one, else the keys that exist. */
    static String unknownKeyMessage(String unknown, List<String> known, String where) {
        return suggest(unknown, known)
                .map(s -> "unknown key '" + unknown + "' " + where + "; did you mean '" + s + "'?")
                .orElse("unknown key '" + unknown + "' " + where + "; the keys are: " + String.join(", ", known));
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance, with a transposition counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
