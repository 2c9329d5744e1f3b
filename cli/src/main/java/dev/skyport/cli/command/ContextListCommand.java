package dev.skyport.cli.command;

import dev.skyport.api.config.DeploymentItem;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.context.EntryKind;
import dev.skyport.cli.context.WalkStats;
import dev.skyport.cli.output.Bytes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.project.BuildContext;
import dev.skyport.cli.project.ContextSummary;
import dev.skyport.cli.project.Project;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Prints the files an item sends to be built, sorted, one per line.",
                "Paths are relative to the context. A summary follows on stderr: file count, bytes, the largest",
                "directories, and advice on what to leave out."})
public final class ContextListCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(arity = "0..1", paramLabel = "ITEM", description = "the item (needed when there are several)")
    String itemName;

    @Mixin
    ProjectFileOption project;

    @Mixin
    OutputOption output;

    ContextListCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        Project loaded = Project.load(services.environment().workingDirectory(), project.file());
        DeploymentItem item = loaded.single(itemName, "context list");
        loaded.requireFilesystem(List.of(item));
        BuildContext context = services.buildContexts().prepare(loaded, item);
        ContextSummary summary = new ContextSummary();
        ArrayNode files = Json.array();
        WalkStats stats = context.walker().walk(entry -> {
            summary.add(entry);
            if (entry.kind() != EntryKind.DIRECTORY) {
                if (output.json()) {
                    files.add(entry.path());
                } else {
                    services.out().println(entry.path());
                }
            }
        });
        List<String> warnings = summary.warnings(context.ignoreFile());
        if (!stats.skipped().isEmpty()) {
            warnings.add("left out special files (sockets, FIFOs, devices): " + String.join(", ", stats.skipped()));
        }
        if (output.json()) {
            services.out().println(Json.pretty(json(context, summary, stats, files, warnings)));
        } else {
            services.err().println(summary.files() + (summary.files() == 1 ? " file, " : " files, ")
                    + Bytes.human(summary.bytes()) + " from " + context.directory()
                    + (context.template() == null ? "" : " merged with " + context.template().label())
                    + " (" + stats.directoriesRead() + " directories read)");
            List<Map.Entry<String, Long>> largest = summary.largestDirectories(5);
            if (!largest.isEmpty()) {
                services.err().println("largest directories: " + largest.stream()
                        .map(e -> e.getKey() + "/ (" + Bytes.human(e.getValue()) + ")")
                        .collect(Collectors.joining(", ")));
            }
            warnings.forEach(services::warn);
        }
        return ExitCodes.OK;
    }

    private static ObjectNode json(BuildContext context, ContextSummary summary, WalkStats stats, ArrayNode files,
                                   List<String> warnings) {
        ObjectNode root = Json.object();
        root.put("item", context.item().name());
        root.put("context", context.directory().toString());
        if (context.template() != null) {
            ObjectNode template = root.putObject("template");
            template.put("runtime", context.template().runtime());
            template.put("version", context.template().version());
            template.put("sha256", context.template().sha256());
            template.put("eol", context.template().eol());
        }
        root.set("files", files);
        root.put("fileCount", summary.files());
        root.put("bytes", summary.bytes());
        root.put("directoriesRead", stats.directoriesRead());
        ArrayNode largest = root.putArray("largestDirectories");
        summary.largestDirectories(5).forEach(e -> largest.addObject().put("path", e.getKey())
                .put("bytes", e.getValue()));
        ArrayNode warningList = root.putArray("warnings");
        warnings.forEach(warningList::add);
        return root;
    }
}
