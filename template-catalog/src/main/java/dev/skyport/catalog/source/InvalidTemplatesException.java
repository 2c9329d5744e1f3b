package dev.skyport.catalog.source;

import java.util.List;

/** The templates cannot be served; start-up stops with every problem found, each naming its file. */
public class InvalidTemplatesException extends RuntimeException {

    private final List<String> problems;

    public InvalidTemplatesException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidTemplatesException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "the templates cannot be served: " + problems.get(0);
        }
        return "the templates cannot be served (" + problems.size() + " problems):\n  - " + String.join("\n  - ", problems);
    }
}
