package dev.skyport.cli.command;

import picocli.CommandLine.Command;

@Command(name = "context", description = "Shows or writes what an item sends to be built.",
        mixinStandardHelpOptions = true, subcommands = {ContextListCommand.class, ContextArchiveCommand.class})
public final class ContextCommand extends GroupCommand {
}
