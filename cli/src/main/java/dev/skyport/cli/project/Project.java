package dev.skyport.cli.project;

import dev.skyport.api.config.ConfigProblem;
import dev.skyport.api.config.ConfigResult;
import dev.skyport.api.config.ContextChecks;
import dev.skyport.api.config.DeploymentItem;
import dev.skyport.api.config.SkygearConfig;
import dev.skyport.api.config.SkygearYaml;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.ignore.IgnoreRules;
import dev.skyport.cli.ignore.InvalidIgnoreFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A checked {@code skygear.yaml} and where it lives; the items commands work on. */
public final class Project {

    private final SkygearConfig config;
    private final Path workingDirectory;

    private Project(SkygearConfig config, Path workingDirectory) {
        this.config = config;
        this.workingDirectory = workingDirectory;
    }

    /** Reads and checks the file (not the filesystem); a usage failure lists every problem. */
    public static Project load(Path workingDirectory, String file) {
        return new Project(read(workingDirectory, file).orElseThrow(), workingDirectory);
    }

    /** The raw result, for {@code config validate}, which reports problems itself. */
    public static ConfigResult<SkygearConfig> read(Path workingDirectory, String file) {
        return SkygearYaml.read(workingDirectory.resolve(file).normalize(), file);
    }

    public static Project of(SkygearConfig config, Path workingDirectory) {
        return new Project(config, workingDirectory);
    }

    public SkygearConfig config() {
        return config;
    }

    public String app() {
        return config.app();
    }

    /** The named items in the order given, or all items; an unknown name is a usage failure. */
    public List<DeploymentItem> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return config.items();
        }
        List<DeploymentItem> items = new ArrayList<>();
        for (String name : names) {
            items.add(item(name));
        }
        return items;
    }

    /** The named item, or the only one when {@code name} is null. */
    public DeploymentItem single(String name, String command) {
        if (name != null) {
            return item(name);
        }
        if (config.items().size() == 1) {
            return config.items().get(0);
        }
        throw CliFailure.usage(config.source() + " has " + config.items().size() + " items ("
                + String.join(", ", config.itemNames()) + "); name one: skycli " + command + " <item>");
    }

    public DeploymentItem item(String name) {
        return config.item(name).orElseThrow(() -> CliFailure.usage("no item '" + name + "' in " + config.source()
                + "; the items are: " + String.join(", ", config.itemNames())));
    }

    public Path contextOf(DeploymentItem item) {
        return ContextChecks.contextDirectory(config, item, workingDirectory);
    }

    /** The checks that need the disk: contexts, Dockerfiles, and the ignore files' syntax. */
    public List<ConfigProblem> checkFilesystem(List<DeploymentItem> items) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (DeploymentItem item : items) {
            List<ConfigProblem> found = ContextChecks.check(config, item, workingDirectory);
            problems.addAll(found);
            if (found.isEmpty()) {
                String ignoreFile = item.usesRuntime() ? ".skyignore" : ".dockerignore";
                try {
                    IgnoreRules.read(contextOf(item).resolve(ignoreFile), item.context() + "/" + ignoreFile);
                } catch (InvalidIgnoreFileException | IOException e) {
                    problems.add(new ConfigProblem(config.source(), config.positionOf(item.name(), "context"),
                            item.name(), "context", e.getMessage()));
                }
            }
        }
        return problems;
    }

    /** Fails with every filesystem problem of {@code items}. */
    public void requireFilesystem(List<DeploymentItem> items) {
        List<ConfigProblem> problems = checkFilesystem(items);
        if (!problems.isEmpty()) {
            throw CliFailure.usage(problems.stream().map(ConfigProblem::describe).collect(Collectors.joining("\n")));
        }
    }
}
