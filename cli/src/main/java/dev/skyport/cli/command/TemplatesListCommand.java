package dev.skyport.cli.command;

import dev.skyport.api.template.CatalogListing;
import dev.skyport.api.template.RuntimeListing;
import dev.skyport.api.template.VersionListing;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.output.Bytes;
import dev.skyport.cli.output.Json;
import dev.skyport.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
        CatalogListing catalog = services.templates().list();
        if (output.json()) {
            services.out().println(Json.pretty(catalog));
            return ExitCodes.OK;
        }
        Table table = new Table("RUNTIME", "VERSION", "DEFAULT", "END-OF-LIFE", "SIZE", "SHA256");
        for (RuntimeListing runtime : catalog.runtimes()) {
            for (VersionListing version : runtime.versions()) {
                String sha = version.sha256();
                table.row(runtime.name(), version.version(), version.isDefault() ? "yes" : "",
                        version.eol() ? "yes" : "", Bytes.human(version.size()),
                        sha == null ? "" : sha.substring(0, Math.min(12, sha.length())));
            }
        }
        table.print(services.out());
        return ExitCodes.OK;
    }
}
