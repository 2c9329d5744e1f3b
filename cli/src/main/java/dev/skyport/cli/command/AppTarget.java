package dev.skyport.cli.command;

import dev.skyport.api.naming.DnsLabel;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.project.Project;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which app a command acts on: {@code --app}, else the {@code app} of skygear.yaml. */
public final class AppTarget {

    @Option(names = "--app", paramLabel = "APP", description = "the app (default: the app of skygear.yaml)")
    String app;

    @Mixin
    ProjectFileOption project;

    public String app(CliServices services) {
        if (app != null) {
            if (!DnsLabel.isValid(app)) {
                throw CliFailure.usage("--app '" + app + "' is not an app name (a DNS label, for example shop)");
            }
            return app;
        }
        return Project.load(services.environment().workingDirectory(), project.file()).app();
    }

    static String microservice(String name) {
        if (!DnsLabel.isValid(name)) {
            throw CliFailure.usage("'" + name + "' is not a microservice name (a DNS label, for example api)");
        }
        return name;
    }
}
