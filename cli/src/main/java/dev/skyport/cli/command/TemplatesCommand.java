package dev.skyport.cli.command;

import picocli.CommandLine.Command;

@Command(name = "templates", description = "Shows the runtime templates the catalog offers.",
        mixinStandardHelpOptions = true, subcommands = TemplatesListCommand.class)
public final class TemplatesCommand extends GroupCommand {
}
