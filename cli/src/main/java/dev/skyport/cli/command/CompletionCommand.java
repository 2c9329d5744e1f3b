package dev.skyport.cli.command;

import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.SkyCli;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a shell completion script.",
                "bash: source <(skycli completion bash)    zsh: source <(skycli completion zsh)"})
public final class CompletionCommand implements Callable<Integer> {

    /** The shells with a script. */
    public enum Shell { bash, zsh }

    private final CliServices services;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    CompletionCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        String bash = AutoComplete.bash("skycli", SkyCli.commandLine(services));
        if (shell == Shell.zsh) {
            // picocli's script runs in zsh through bashcompinit.
            services.out().println("#compdef skycli");
            services.out().println("autoload -U +X compinit && compinit");
            services.out().println("autoload -U +X bashcompinit && bashcompinit");
        }
        services.out().print(bash);
        services.out().flush();
        return ExitCodes.OK;
    }
}
