package dev.skyport.cli.deploy;

/**
 * How following a build log ended.
 *
 * @param status  the last status event's status, or {@code null} when none came
 * @param message the last status event's message
 */
public record FollowResult(String status, String message) {

    public boolean terminal() {
        return DeploymentStatus.isTerminal(status);
    }
}
