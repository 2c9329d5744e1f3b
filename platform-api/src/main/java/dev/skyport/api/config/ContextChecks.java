package dev.skyport.api.config;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks that need the developer's filesystem, run by skycli after {@link SkygearYaml}: each
 * {@code context} is a directory and, unless a runtime brings one, the Dockerfile is a file in it.
 */
public final class ContextChecks {

    private ContextChecks() {
    }

    /** The absolute, normalized context directory of {@code item}. */
    public static Path contextDirectory(SkygearConfig config, DeploymentItem item, Path workingDirectory) {
        Path base = config.baseDirectory(workingDirectory);
        return base.resolve(item.context() == null ? "." : item.context()).toAbsolutePath().normalize();
    }

    public static List<ConfigProblem> check(SkygearConfig config, Path workingDirectory) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (DeploymentItem item : config.items()) {
            problems.addAll(check(config, item, workingDirectory));
        }
        return problems;
    }

    public static List<ConfigProblem> check(SkygearConfig config, DeploymentItem item, Path workingDirectory) {
        Path context = contextDirectory(config, item, workingDirectory);
        SourcePosition contextAt = config.positionOf(item.name(), "context");
        if (!Files.exists(context)) {
            return List.of(problem(config, item, "context", contextAt, "context '" + item.context() + "' does not exist"
                    + " (looked for " + context + "); create it or fix the path, relative to " + config.source()));
        }
        if (!Files.isDirectory(context)) {
            return List.of(problem(config, item, "context", contextAt, "context '" + item.context() + "' is a file,"
                    + " not a directory (" + context + "); point context at the folder to build"));
        }
        if (item.usesRuntime()) {
            return List.of();
        }
        Path dockerfile = context.resolve(item.dockerfileOrDefault());
        SourcePosition dockerfileAt = item.dockerfile() != null ? config.positionOf(item.name(), "dockerfile") : contextAt;
        String key = item.dockerfile() != null ? "dockerfile" : "context";
        if (Files.isDirectory(dockerfile)) {
            return List.of(problem(config, item, key, dockerfileAt, "the Dockerfile " + dockerfile + " is a directory;"
                    + " set dockerfile: to the file, relative to the context"));
        }
        if (!Files.isRegularFile(dockerfile, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(dockerfile)) {
            return List.of(problem(config, item, key, dockerfileAt, "no Dockerfile at " + dockerfile + "; create it,"
                    + " set dockerfile: to its path relative to the context, or use runtime: to build from a template"));
        }
        return List.of();
    }

    private static ConfigProblem problem(SkygearConfig config, DeploymentItem item, String key, SourcePosition at,
                                         String message) {
        return new ConfigProblem(config.source(), at, item.name(), key, message);
    }
}
