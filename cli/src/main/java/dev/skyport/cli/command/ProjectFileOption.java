package dev.skyport.cli.command;

import picocli.CommandLine.Option;

/** {@code -f/--file}: which skygear.yaml. */
public final class ProjectFileOption {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "skygear.yaml",
            description = "the skygear.yaml to use (default: ${DEFAULT-VALUE})")
    String file;

    public String file() {
        return file;
    }
}
