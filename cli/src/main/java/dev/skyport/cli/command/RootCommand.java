package dev.skyport.cli.command;

import dev.skyport.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "skycli", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Deploys the services described in skygear.yaml to Skyport.",
        subcommands = {LoginCommand.class, ConfigCommand.class, ContextCommand.class, AppCommand.class, TokenCommand.class,
                TemplatesCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the operation failed (a build or deploy failed, the platform said no)",
                "2:wrong usage or configuration (arguments, skygear.yaml, .dockerignore)",
                "3:the endpoint cannot be reached or refused the token"},
        footerHeading = "%nEnvironment:%n",
        footer = {"  SKYPORT_ENDPOINT, SKYPORT_TOKEN  override what skycli login stored",
                "  SKYPORT_HOME                     skycli's directory (default ~/.skyport)"})
public final class RootCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
