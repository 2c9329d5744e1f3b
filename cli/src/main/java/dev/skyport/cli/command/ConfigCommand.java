package dev.skyport.cli.command;

import picocli.CommandLine.Command;

@Command(name = "config", description = "Checks skygear.yaml.", mixinStandardHelpOptions = true,
        subcommands = ConfigValidateCommand.class)
public final class ConfigCommand extends GroupCommand {
}
