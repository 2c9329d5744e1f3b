package dev.skyport.cli.command;

import dev.skyport.api.config.ConfigProblem;
import dev.skyport.api.config.ConfigResult;
import dev.skyport.api.config.DeploymentItem;
import dev.skyport.api.config.DeploymentItemJson;
import dev.skyport.api.config.RuntimeCatalog;
import dev.skyport.api.config.RuntimeRules;
import dev.skyport.api.config.SkygearConfig;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks skygear.yaml; exits 0 when it is valid, 2 when not.",
                "Checks its keys and values, each context and Dockerfile, the ignore files, and (when an endpoint",
                "is configured) the runtimes against the template catalog."})
public final class ConfigValidateCommand implements Callable<Integer> {

    private final CliServices services;

    @Mixin
    ProjectFileOption project;

    @Mixin
    OutputOption output;

    ConfigValidateCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        ConfigResult<SkygearConfig> result = Project.read(services.environment().workingDirectory(), project.file());
        List<ConfigProblem> problems = new ArrayList<>(result.problems());
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        SkygearConfig config = result.value();
        if (config != null) {
            problems.addAll(Project.of(config, services.environment().workingDirectory()).checkFilesystem(config.items()));
            checkRuntimes(config, problems, notes, warnings);
        }
        if (output.json()) {
            services.out().println(Json.pretty(json(config, problems, notes, warnings)));
        } else {
            problems.forEach(p -> services.err().println("error: " + p.describe()));
            warnings.forEach(services::warn);
            notes.forEach(n -> services.err().println("note: " + n));
            if (problems.isEmpty()) {
                services.out().println(project.file() + " is valid: app " + config.app() + ", "
                        + config.items().size() + (config.items().size() == 1 ? " item (" : " items (")
                        + String.join(", ", config.itemNames()) + ")");
            } else {
                services.err().println(project.file() + ": " + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems"));
            }
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    private void checkRuntimes(SkygearConfig config, List<ConfigProblem> problems, List<String> notes,
                               List<String> warnings) {
        if (config.items().stream().noneMatch(DeploymentItem::usesRuntime)) {
            return;
        }
        if (!services.connection().hasEndpoint()) {
            notes.add("runtime names and versions could not be checked: no endpoint is configured (skycli login)");
            return;
        }
        RuntimeCatalog catalog;
        try {
            catalog = services.templates().catalog();
        } catch (CliFailure e) {
            notes.add("runtime names and versions could not be checked: " + e.getMessage());
            return;
        }
        problems.addAll(RuntimeRules.check(config, catalog));
        for (DeploymentItem item : config.items()) {
            if (!item.usesRuntime()) {
                continue;
            }
            catalog.runtime(item.runtime()).ifPresent(runtime -> {
                String version = item.runtimeVersion() != null ? item.runtimeVersion() : runtime.defaultVersion();
                runtime.version(version).filter(RuntimeCatalog.Version::eol).ifPresent(v -> warnings.add("item '"
                        + item.name() + "': " + runtime.name() + " " + version + " is end-of-life; move to"
                        + " runtime_version: \"" + runtime.defaultVersion() + "\" (the default)"));
            });
        }
    }

    private ObjectNode json(SkygearConfig config, List<ConfigProblem> problems, List<String> notes,
                            List<String> warnings) {
        ObjectNode root = Json.object();
        root.put("file", project.file());
        root.put("valid", problems.isEmpty());
        if (config != null) {
            root.put("app", config.app());
            ArrayNode items = root.putArray("items");
            for (DeploymentItem item : config.items()) {
                ObjectNode node = Json.object();
                node.put("name", item.name());
                node.put("context", item.context());
                node.setAll(DeploymentItemJson.toJson(item));
                items.add(node);
            }
        }
        ArrayNode list = root.putArray("problems");
        for (ConfigProblem problem : problems) {
            ObjectNode node = list.addObject();
            node.put("file", problem.source());
            if (problem.position().isKnown()) {
                node.put("line", problem.position().line());
                node.put("column", problem.position().column());
            }
            node.put("item", problem.item());
            node.put("key", problem.key());
            node.put("message", problem.message());
        }
        ArrayNode warningList = root.putArray("warnings");
        warnings.forEach(warningList::add);
        ArrayNode noteList = root.putArray("notes");
        notes.forEach(noteList::add);
        return root;
    }
}
