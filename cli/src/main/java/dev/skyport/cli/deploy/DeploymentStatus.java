package dev.skyport.cli.deploy;

import java.util.Set;

/** The deployment statuses of docs/api.md that end a wait. */
public final class DeploymentStatus {

    public static final String RUNNING = "running";
    private static final Set<String> TERMINAL = Set.of(RUNNING, "build_failed", "deploy_failed", "superseded",
            "stopped");

    private DeploymentStatus() {
    }

    public static boolean isTerminal(String status) {
        return status != null && TERMINAL.contains(status);
    }
}
