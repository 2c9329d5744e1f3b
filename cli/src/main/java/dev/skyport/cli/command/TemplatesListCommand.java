package dev.skyport.cli.command;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Bytes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the runtimes and versions of the template catalog, with defaults and end-of-life marks.")
public final class TemplatesListCommand implements Callable<Integer> {

    private final CliServices services;

    @Mixin
    OutputOption output;

    TemplatesListCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        JsonNode catalog = services.templates().list();
        if (output.json()) {
            services.out().println(Json.pretty(catalog));
            return ExitCodes.OK;
        }
        Table table = new Table("RUNTIME", "VERSION", "DEFAULT", "END-OF-LIFE", "SIZE", "SHA256");
        for (JsonNode runtime : catalog.path("runtimes")) {
            for (JsonNode version : runtime.path("versions")) {
                String sha = Json.text(version, "sha256");
                table.row(Json.text(runtime, "name"), Json.text(version, "version"),
                        version.path("default").asBoolean() ? "yes" : "",
                        version.path("eol").asBoolean() ? "yes" : "",
                        Bytes.human(version.path("size").asLong()),
                        sha == null ? "" : sha.substring(0, Math.min(12, sha.length())));
            }
        }
        table.print(services.out());
        return ExitCodes.OK;
    }
}
