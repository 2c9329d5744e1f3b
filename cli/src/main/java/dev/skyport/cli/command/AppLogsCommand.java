package dev.skyport.cli.command;

import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.http.InstanceLogQuery;
import dev.skyport.cli.logs.BuildLogs;
import dev.skyport.cli.logs.InstanceLogs;
import dev.skyport.cli.logs.LogSince;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Prints what a microservice's running instances print, as <time> <text> lines",
                "([<instance>] before the text once more than one instance printed).",
                "--build prints the build and start-up log of its latest deployment instead."})
public final class AppLogsCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(paramLabel = "ITEM", description = "the microservice")
    String item;

    @Option(names = {"-F", "--follow"}, description = {"keep streaming new lines until interrupted;",
            "with --build: until the deployment runs or fails"})
    boolean follow;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "only lines after this: a duration (30s, 10m, 2h, 1d) or an RFC 3339 time")
    String since;

    @Option(names = "--tail", paramLabel = "N", description = "start with the last N lines of each instance")
    Integer tail;

    @Option(names = "--build", description = "the build and start-up log of the latest deployment instead")
    boolean build;

    @Option(names = "--deployment", paramLabel = "ID", description = "the build and start-up log of this"
            + " deployment (implies --build)")
    String deployment;

    @Mixin
    AppTarget target;

    @Mixin
    OutputOption output;

    AppLogsCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        checkOptions();
        String app = target.app(services);
        String name = AppTarget.microservice(item);
        if (build || deployment != null) {
            new BuildLogs(services, output.json()).show(app, name, deployment, follow);
        } else {
            new InstanceLogs(services, output.json()).show(app, name, new InstanceLogQuery(follow, since, tail));
        }
        return ExitCodes.OK;
    }

    /** Fails on options that do not fit before anything is read or requested. */
    private void checkOptions() {
        List<String> filters = new ArrayList<>();
        if (since != null) {
            filters.add("--since");
        }
        if (tail != null) {
            filters.add("--tail");
        }
        List<String> buildLog = new ArrayList<>();
        if (build) {
            buildLog.add("--build");
        }
        if (deployment != null) {
            buildLog.add("--deployment");
        }
        if (!filters.isEmpty() && !buildLog.isEmpty()) {
            throw CliFailure.usage(String.join(" and ", filters) + " cannot be used with "
                    + String.join(" or ", buildLog) + ": they pick lines of the running instances' log, while a"
                    + " deployment's build log is shown whole; drop " + String.join(" and ", filters)
                    + ", or " + String.join(" and ", buildLog) + " to read the instances' log");
        }
        if (since != null) {
            LogSince.check(since);
        }
        if (tail != null && tail < 0) {
            throw CliFailure.usage("--tail " + tail + " is negative; give the number of lines per instance to start"
                    + " with, 0 or more");
        }
    }
}
