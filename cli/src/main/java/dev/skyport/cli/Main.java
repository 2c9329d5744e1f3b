package dev.skyport.cli;

/** The {@code skycli} process: runs the command and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SkyCli.run(args, CliEnvironment.system()));
    }
}
