package dev.skyport.cli.command;

import picocli.CommandLine;

/** {@code skycli --version}: the version in the jar's manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"skycli " + (version == null ? "development build" : version)};
    }
}
