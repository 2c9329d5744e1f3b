package dev.skyport.cli.command;

import picocli.CommandLine.Command;

@Command(name = "app", description = "Deploys and manages the app's microservices.", mixinStandardHelpOptions = true,
        subcommands = {AppDeployCommand.class, AppStatusCommand.class, AppLogsCommand.class, AppStopCommand.class,
                AppStartCommand.class, AppRollbackCommand.class, AppDeleteCommand.class})
public final class AppCommand extends GroupCommand {
}
