package dev.skyport.api.config;

import java.util.ArrayList;
import java.util.List;

/** Checks {@code runtime} and {@code runtime_version} against what the template catalog offers. */
public final class RuntimeRules {

    private RuntimeRules() {
    }

    public static List<ConfigProblem> check(SkygearConfig config, RuntimeCatalog catalog) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (DeploymentItem item : config.items()) {
            if (!item.usesRuntime()) {
                continue;
            }
            RuntimeCatalog.Runtime runtime = catalog.runtime(item.runtime()).orElse(null);
            if (runtime == null) {
                String suggestion = KeySuggester.suggest(item.runtime(), catalog.runtimeNames())
                        .map(s -> "did you mean '" + s + "'? ").orElse("");
                problems.add(new ConfigProblem(config.source(), config.positionOf(item.name(), "runtime"), item.name(),
                        "runtime", "runtime '" + item.runtime() + "' is not in the template catalog; " + suggestion
                        + "the runtimes are: " + String.join(", ", catalog.runtimeNames())));
                continue;
            }
            if (item.runtimeVersion() != null && runtime.version(item.runtimeVersion()).isEmpty()) {
                problems.add(new ConfigProblem(config.source(), config.positionOf(item.name(), "runtime_version"),
                        item.name(), "runtime_version", "runtime_version '" + item.runtimeVersion() + "' is not a "
                        + runtime.name() + " version; the versions are: " + String.join(", ", runtime.versionNames())
                        + " (default " + runtime.defaultVersion() + ")"));
            }
        }
        return problems;
    }
}
