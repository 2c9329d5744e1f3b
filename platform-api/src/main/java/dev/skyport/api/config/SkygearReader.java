package dev.skyport.api.config;

import dev.skyport.api.naming.DnsLabel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The top level of {@code skygear.yaml}: {@code app}, {@code deployments}, and rules across items. */
final class SkygearReader {

    static final List<String> KEYS = List.of("app", "deployments");

    private SkygearReader() {
    }

    static ConfigResult<SkygearConfig> read(ConfigValue root, String source, Path file, ProblemCollector problems) {
        Map<String, SourcePosition> positions = new HashMap<>();
        if (!(root instanceof ConfigMapping mapping)) {
            problems.add(root.position(), null, null, source + " must be a mapping with the keys app: and deployments:,"
                    + " not " + root.describe());
            return ConfigResult.invalid(problems.problems());
        }
        for (ConfigEntry entry : mapping.entries()) {
            if (!KEYS.contains(entry.key())) {
                problems.add(entry.keyPosition(), null, entry.key(),
                        KeySuggester.unknownKeyMessage(entry.key(), KEYS, "at the top level"));
            }
        }
        String app = readApp(mapping, problems);
        List<DeploymentItem> items = readItems(mapping, problems, positions);
        if (!problems.isEmpty()) {
            return ConfigResult.invalid(problems.problems());
        }
        return ConfigResult.valid(new SkygearConfig(source, file, app, items, positions));
    }

    private static String readApp(ConfigMapping mapping, ProblemCollector problems) {
        ConfigEntry entry = mapping.entry("app").orElse(null);
        if (entry == null) {
            problems.add(mapping.position(), null, "app", "missing key 'app'; add the app's name, for example app: shop");
            return null;
        }
        if (!(entry.value() instanceof ConfigScalar scalar) || scalar.kind() != ScalarKind.STRING) {
            problems.add(entry.value().position(), null, "app", "app must be a name, not " + entry.value().describe()
                    + "; for example app: shop");
            return null;
        }
        String app = scalar.text().strip();
        if (!DnsLabel.isValid(app)) {
            problems.add(scalar.position(), null, "app", DnsLabel.explain("app", app));
            return null;
        }
        return app;
    }

    private static List<DeploymentItem> readItems(ConfigMapping mapping, ProblemCollector problems,
                                                  Map<String, SourcePosition> positions) {
        ConfigEntry entry = mapping.entry("deployments").orElse(null);
        if (entry == null) {
            problems.add(mapping.position(), null, "deployments", "missing key 'deployments'; add one item per"
                    + " service, for example deployments: {api: {type: http-service, path: /api, port: 8080,"
                    + " context: .}}");
            return List.of();
        }
        if (!(entry.value() instanceof ConfigMapping items) || items.entries().isEmpty()) {
            problems.add(entry.value().position(), null, "deployments", "deployments must be a mapping of item name to"
                    + " item with at least one item, not " + entry.value().describe());
            return List.of();
        }
        ItemReader reader = new ItemReader(problems, ItemReader.Origin.SKYGEAR_YAML, positions);
        List<DeploymentItem> result = new ArrayList<>();
        for (ConfigEntry itemEntry : items.entries()) {
            DeploymentItem item = reader.read(itemEntry.key(), itemEntry.keyPosition(), itemEntry.value());
            if (item != null) {
                result.add(item);
            }
        }
        rejectSharedPaths(result, problems, positions);
        return result;
    }

    private static void rejectSharedPaths(List<DeploymentItem> items, ProblemCollector problems,
                                          Map<String, SourcePosition> positions) {
        Map<String, DeploymentItem> byPath = new LinkedHashMap<>();
        for (DeploymentItem item : items) {
            DeploymentItem first = byPath.putIfAbsent(item.path(), item);
            if (first != null) {
                SourcePosition firstAt = positions.getOrDefault(SkygearConfig.positionKey(first.name(), "path"),
                        SourcePosition.UNKNOWN);
                String where = firstAt.isKnown() ? " (line " + firstAt.line() + ")" : "";
                problems.add(positions.getOrDefault(SkygearConfig.positionKey(item.name(), "path"),
                                SourcePosition.UNKNOWN), item.name(), "path",
                        "path " + item.path() + " is also the path of item '" + first.name() + "'" + where
                                + "; each item needs its own path (a trailing '/' makes no difference)");
            }
        }
    }
}
