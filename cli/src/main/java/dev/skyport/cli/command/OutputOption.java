package dev.skyport.cli.command;

import dev.skyport.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output}: text for people, json for scripts. */
public final class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    public boolean json() {
        return format == OutputFormat.json;
    }
}
