package dev.skyport.cli;

/** skycli's exit codes; scripts rely on them. */
public final class ExitCodes {

    /** Everything worked. */
    public static final int OK = 0;
    /** The operation ran and failed: a build or deploy failed, the build farm said no. */
    public static final int FAILED = 1;
    /** Wrong usage or configuration: bad arguments, skygear.yaml or .dockerignore problems. */
    public static final int USAGE = 2;
    /** The endpoint could not be reached, or refused the token. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
