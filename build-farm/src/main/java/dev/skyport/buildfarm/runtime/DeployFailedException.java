package dev.skyport.buildfarm.runtime;

import java.util.List;

/** A built image that did not become ready; carries the instance's last log lines. */
public class DeployFailedException extends RuntimeException {

    private final List<String> lastLogLines;

    public DeployFailedException(String message, List<String> lastLogLines) {
        super(message);
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    public List<String> lastLogLines() {
        return lastLogLines;
    }
}
