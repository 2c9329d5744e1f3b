package dev.skyport.cli.command;

import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes a microservice: its instance, route, records and logs.",
                "Asks for confirmation unless --yes is given."})
public final class AppDeleteCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(paramLabel = "ITEM", description = "the microservice")
    String item;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Mixin
    AppTarget target;

    AppDeleteCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        String name = AppTarget.microservice(item);
        String app = target.app(services);
        if (!yes && !confirmed(app, name)) {
            services.err().println("not deleted");
            return ExitCodes.FAILED;
        }
        services.buildFarm().delete(app, name);
        services.out().println(name + ": deleted");
        return ExitCodes.OK;
    }

    private boolean confirmed(String app, String name) throws IOException {
        if (!services.environment().interactive()) {
            throw CliFailure.usage("deleting " + name + " needs confirmation; run it in a terminal or pass --yes");
        }
        services.err().print("Delete microservice " + name + " of app " + app
                + " (its instance, route, records and logs)? [y/N] ");
        services.err().flush();
        String answer = new BufferedReader(new InputStreamReader(services.environment().in(), StandardCharsets.UTF_8))
                .readLine();
        return answer != null && (answer.strip().toLowerCase(Locale.ROOT).equals("y")
                || answer.strip().toLowerCase(Locale.ROOT).equals("yes"));
    }
}
