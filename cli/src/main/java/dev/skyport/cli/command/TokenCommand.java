package dev.skyport.cli.command;

import picocli.CommandLine.Command;

@Command(name = "token", description = "Makes, lists and revokes API tokens (needs an admin token).",
        mixinStandardHelpOptions = true,
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
public final class TokenCommand extends GroupCommand {
}
