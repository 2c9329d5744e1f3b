package dev.skyport.api.config;

import dev.skyport.api.naming.DnsLabel;
import dev.skyport.api.route.RoutePrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for one deployment item, written once for both origins: an item of {@code skygear.yaml}
 * and the {@code item} of a deploy request (same keys, minus {@code context}).
 * Collects every problem instead of stopping at the first.
 */
final class ItemReader {

    /** Where the item comes from; only a {@code skygear.yaml} item has a {@code context}. */
    enum Origin { SKYGEAR_YAML, JSON_ITEM }

    static final List<String> KEYS = List.of("type", "path", "port", "context", "dockerfile", "command",
            "runtime", "runtime_version", "environment", "health_check");
    static final List<String> JSON_KEYS = KEYS.stream().filter(k -> !k.equals("context")).toList();
    private static final List<String> HEALTH_CHECK_KEYS = List.of("path");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern RUNTIME_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern RUNTIME_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private final ProblemCollector problems;
    private final Origin origin;
    private final Map<String, SourcePosition> positions;

    ItemReader(ProblemCollector problems, Origin origin, Map<String, SourcePosition> positions) {
        this.problems = problems;
        this.origin = origin;
        this.positions = positions;
    }

    /** The item, or {@code null} when it has problems (they are in the collector). */
    DeploymentItem read(String name, SourcePosition namePosition, ConfigValue value) {
        int before = problems.size();
        if (!DnsLabel.isValid(name)) {
            problems.add(namePosition, name, null, DnsLabel.explain("item name", name));
        }
        positions.put(SkygearConfig.positionKey(name, null), namePosition);
        if (!(value instanceof ConfigMapping mapping)) {
            problems.add(value.position(), name, null, "an item must be a mapping of keys (type, path, port, ...), not "
                    + value.describe());
            return null;
        }
        List<String> allowed = origin == Origin.SKYGEAR_YAML ? KEYS : JSON_KEYS;
        for (ConfigEntry entry : mapping.entries()) {
            positions.put(SkygearConfig.positionKey(name, entry.key()), entry.keyPosition());
            if (origin == Origin.JSON_ITEM && entry.key().equals("context")) {
                problems.add(entry.keyPosition(), name, "context", "context only means something on the developer's"
                        + " machine (the archive is the context); do not send it");
            } else if (!allowed.contains(entry.key())) {
                problems.add(entry.keyPosition(), name, entry.key(),
                        KeySuggester.unknownKeyMessage(entry.key(), allowed, "in an item"));
            }
        }

        ItemType type = readType(name, mapping);
        String path = readPath(name, mapping);
        Integer port = readPort(name, mapping);
        String context = origin == Origin.SKYGEAR_YAML ? readContext(name, mapping) : null;
        String runtime = mapping.entry("runtime").map(e -> readRuntime(name, e)).orElse(null);
        String runtimeVersion = mapping.entry("runtime_version").map(e -> readRuntimeVersion(name, e, runtime != null
                || mapping.entry("runtime").isPresent())).orElse(null);
        String dockerfile = mapping.entry("dockerfile").map(e -> readDockerfile(name, e)).orElse(null);
        if (dockerfile != null && mapping.entry("runtime").isPresent()) {
            problems.add(mapping.entry("dockerfile").get().keyPosition(), name, "dockerfile",
                    "dockerfile and runtime exclude each other: runtime '" + (runtime == null ? "?" : runtime)
                            + "' brings its own Dockerfile; remove dockerfile to use the runtime, or remove runtime"
                            + " (and runtime_version) to build your Dockerfile");
        }
        List<String> command = mapping.entry("command").map(e -> readCommand(name, e)).orElse(List.of());
        Map<String, String> environment = mapping.entry("environment").map(e -> readEnvironment(name, e))
                .orElse(Map.of());
        HealthCheck healthCheck = mapping.entry("health_check").map(e -> readHealthCheck(name, e)).orElse(null);

        if (problems.size() != before) {
            return null;
        }
        return new DeploymentItem(name, type, path, port, context, dockerfile, command, runtime, runtimeVersion,
                environment, healthCheck);
    }

    private ItemType readType(String item, ConfigMapping mapping) {
        ConfigEntry entry = required(item, mapping, "type", "add type: http-service");
        if (entry == null) {
            return null;
        }
        String text = string(item, entry, "write type: http-service");
        if (text == null) {
            return null;
        }
        return ItemType.fromYamlName(text).orElseGet(() -> {
            problems.add(entry.value().position(), item, "type", "type '" + text + "' is not supported; the only type"
                    + " is http-service (write type: http-service)");
            return null;
        });
    }

    private String readPath(String item, ConfigMapping mapping) {
        ConfigEntry entry = required(item, mapping, "path", "add the route prefix it serves, for example path: /"
                + item);
        if (entry == null) {
            return null;
        }
        String text = string(item, entry, "for example path: /" + item);
        if (text == null) {
            return null;
        }
        String problem = pathProblem("path", text);
        if (problem != null) {
            problems.add(entry.value().position(), item, "path", problem);
            return null;
        }
        return RoutePrefix.of(text).value();
    }

    /** Why {@code text} cannot be a route prefix, with the fix; {@code null} when it can. */
    static String pathProblem(String key, String text) {
        if (!text.startsWith("/")) {
            return key + " '" + text + "' must start with '/'; write " + key + ": /" + text;
        }
        if (RoutePrefix.isReserved(text)) {
            return key + " '" + text + "' starts with '/_', which is reserved for the platform (/_controller,"
                    + " /_templates); choose another prefix, for example /" + text.substring(2);
        }
        try {
            RoutePrefix.of(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage().replace("route prefix", key);
        }
    }

    private Integer readPort(String item, ConfigMapping mapping) {
        ConfigEntry entry = required(item, mapping, "port", "add the port the image listens on, for example port: 8080");
        if (entry == null) {
            return null;
        }
        if (!(entry.value() instanceof ConfigScalar scalar) || scalar.isNull()) {
            problems.add(entry.value().position(), item, "port", "port must be a number from 1 to 65535, not "
                    + entry.value().describe() + "; for example port: 8080");
            return null;
        }
        String text = scalar.text().strip();
        if (scalar.kind() == ScalarKind.STRING) {
            String fix = DECIMAL.matcher(text).matches() ? "write port: " + text + " without quotes"
                    : "for example port: 8080";
            problems.add(scalar.position(), item, "port", "port must be a number, not a string; " + fix);
            return null;
        }
        if (!DECIMAL.matcher(text).matches()) {
            problems.add(scalar.position(), item, "port", "port '" + text + "' is not a whole number from 1 to 65535;"
                    + " for example port: 8080");
            return null;
        }
        long port = text.length() > 6 ? Long.MAX_VALUE : Long.parseLong(text);
        if (port < 1 || port > 65535) {
            problems.add(scalar.position(), item, "port", "port " + text + " is out of range; use a number from 1 to"
                    + " 65535");
            return null;
        }
        return (int) port;
    }

    private String readContext(String item, ConfigMapping mapping) {
        ConfigEntry entry = required(item, mapping, "context", "add the folder to build, relative to skygear.yaml,"
                + " for example context: .");
        return entry == null ? null : string(item, entry, "for example context: ./" + item);
    }

    private String readDockerfile(String item, ConfigEntry entry) {
        String text = string(item, entry, "for example dockerfile: Dockerfile");
        if (text == null) {
            return null;
        }
        String normalized = RelativePaths.normalize(text);
        if (normalized == null) {
            problems.add(entry.value().position(), item, "dockerfile", "dockerfile '" + text + "' must be a path"
                    + " inside the context, relative to it (the build sees only the context); move the Dockerfile"
                    + " into the context or change context");
            return null;
        }
        if (normalized.isEmpty()) {
            problems.add(entry.value().position(), item, "dockerfile", "dockerfile '" + text + "' names the context"
                    + " itself; name the file, for example dockerfile: Dockerfile");
            return null;
        }
        return normalized;
    }

    private String readRuntime(String item, ConfigEntry entry) {
        String text = string(item, entry, "for example runtime: nodejs");
        if (text != null && !RUNTIME_NAME.matcher(text).matches()) {
            problems.add(entry.value().position(), item, "runtime", "runtime '" + text + "' is not a runtime name"
                    + " (lower-case letters, digits, '.', '_', '-'); `skycli templates list` shows the runtimes");
            return null;
        }
        return text;
    }

    private String readRuntimeVersion(String item, ConfigEntry entry, boolean hasRuntime) {
        if (!hasRuntime) {
            problems.add(entry.keyPosition(), item, "runtime_version", "runtime_version needs runtime; add runtime:"
                    + " (for example runtime: nodejs) or remove runtime_version");
            return null;
        }
        // runtime_version: 10 and runtime_version: 3.10 are accepted as the text written.
        if (entry.value() instanceof ConfigScalar scalar && (scalar.kind() == ScalarKind.STRING
                || scalar.kind() == ScalarKind.INTEGER || scalar.kind() == ScalarKind.FLOAT)) {
            String text = scalar.text().strip();
            if (!RUNTIME_VERSION.matcher(text).matches()) {
                problems.add(scalar.position(), item, "runtime_version", "runtime_version '" + text + "' is not a"
                        + " version; for example runtime_version: \"22\"");
                return null;
            }
            return text;
        }
        problems.add(entry.value().position(), item, "runtime_version", "runtime_version must be a version such as"
                + " \"22\" or \"3.12\", not " + entry.value().describe());
        return null;
    }

    private List<String> readCommand(String item, ConfigEntry entry) {
        ConfigValue value = entry.value();
        if (value instanceof ConfigScalar scalar && scalar.kind() == ScalarKind.STRING) {
            try {
                List<String> words = ShellWords.split(scalar.text());
                if (words.isEmpty()) {
                    problems.add(scalar.position(), item, "command", "command is empty; remove it to use the image's"
                            + " default command, or write one, for example command: npm start");
                }
                return words;
            } catch (IllegalArgumentException e) {
                problems.add(scalar.position(), item, "command", e.getMessage());
                return List.of();
            }
        }
        if (value instanceof ConfigSequence sequence) {
            if (sequence.items().isEmpty()) {
                problems.add(sequence.position(), item, "command", "command is an empty list; remove it to use the"
                        + " image's default command, or write one, for example command: [\"npm\", \"start\"]");
                return List.of();
            }
            List<String> words = new ArrayList<>();
            for (int i = 0; i < sequence.items().size(); i++) {
                ConfigValue word = sequence.items().get(i);
                if (word instanceof ConfigScalar s && !s.isNull()) {
                    words.add(s.text());
                } else {
                    problems.add(word.position(), item, "command[" + i + "]", "each word of command must be a string,"
                            + " not " + word.describe());
                }
            }
            return words;
        }
        problems.add(value.position(), item, "command", "command must be a string (split like a shell) or a list of"
                + " words, not " + value.describe() + "; for example command: npm start");
        return List.of();
    }

    private Map<String, String> readEnvironment(String item, ConfigEntry entry) {
        if (!(entry.value() instanceof ConfigMapping mapping)) {
            String hint = entry.value() instanceof ConfigSequence
                    ? "; write NAME: value lines instead of a list of NAME=value"
                    : "; for example environment: {LOG_LEVEL: debug}";
            problems.add(entry.value().position(), item, "environment", "environment must be a mapping of NAME: value,"
                    + " not " + entry.value().describe() + hint);
            return Map.of();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (ConfigEntry variable : mapping.entries()) {
            String key = "environment." + variable.key();
            if (!ENV_NAME.matcher(variable.key()).matches()) {
                problems.add(variable.keyPosition(), item, key, "'" + variable.key() + "' is not a variable name; use"
                        + " letters, digits, '_', '.', '-', not starting with a digit");
            }
            if (variable.value() instanceof ConfigScalar scalar && !scalar.isNull()) {
                environment.put(variable.key(), scalar.text());
            } else if (variable.value() instanceof ConfigScalar) {
                problems.add(variable.value().position(), item, key, "'" + variable.key() + "' has no value; write "
                        + variable.key() + ": \"\" for an empty value, or remove it");
            } else {
                problems.add(variable.value().position(), item, key, "the value of '" + variable.key() + "' must be"
                        + " text, not " + variable.value().describe());
            }
        }
        return environment;
    }

    private HealthCheck readHealthCheck(String item, ConfigEntry entry) {
        if (!(entry.value() instanceof ConfigMapping mapping)) {
            String hint = entry.value() instanceof ConfigScalar s && s.kind() == ScalarKind.STRING
                    ? "write health_check: {path: " + s.text() + "}"
                    : "for example health_check: {path: /healthz}";
            problems.add(entry.value().position(), item, "health_check", "health_check must be a mapping with a path,"
                    + " not " + entry.value().describe() + "; " + hint);
            return null;
        }
        for (ConfigEntry e : mapping.entries()) {
            if (!HEALTH_CHECK_KEYS.contains(e.key())) {
                problems.add(e.keyPosition(), item, "health_check." + e.key(),
                        KeySuggester.unknownKeyMessage(e.key(), HEALTH_CHECK_KEYS, "in health_check"));
            }
        }
        ConfigEntry path = mapping.entry("path").orElse(null);
        if (path == null) {
            problems.add(mapping.position(), item, "health_check.path", "health_check needs a path; for example"
                    + " health_check: {path: /healthz}");
            return null;
        }
        String text = string(item, path, "health_check.path", "for example path: /healthz");
        if (text == null) {
            return null;
        }
        if (!text.startsWith("/") || text.contains(" ")) {
            problems.add(path.value().position(), item, "health_check.path", "health_check path '" + text + "' must"
                    + " be an absolute URL path without spaces; for example /healthz");
            return null;
        }
        return new HealthCheck(text);
    }

    private ConfigEntry required(String item, ConfigMapping mapping, String key, String fix) {
        ConfigEntry entry = mapping.entry(key).orElse(null);
        if (entry == null) {
            problems.add(mapping.position(), item, key, "missing key '" + key + "'; " + fix);
        }
        return entry;
    }

    private String string(String item, ConfigEntry entry, String example) {
        return string(item, entry, entry.key(), example);
    }

    private String string(String item, ConfigEntry entry, String key, String example) {
        ConfigValue value = entry.value();
        if (value instanceof ConfigScalar scalar && scalar.kind() == ScalarKind.STRING) {
            if (scalar.text().isBlank()) {
                problems.add(scalar.position(), item, key, key + " is empty; " + example);
                return null;
            }
            return scalar.text().strip();
        }
        String quoteHint = value instanceof ConfigScalar s && !s.isNull() ? " (put it in quotes: \"" + s.text() + "\")"
                : "";
        problems.add(value.position(), item, key, key + " must be a string, not " + value.describe() + quoteHint + "; "
                + example);
        return null;
    }
}
