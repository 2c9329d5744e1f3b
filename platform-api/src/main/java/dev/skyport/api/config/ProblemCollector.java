package dev.skyport.api.config;

import java.util.ArrayList;
import java.util.List;

/** Gathers problems while the rules run, all named after one source. */
final class ProblemCollector {

    private final String source;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ProblemCollector(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void add(SourcePosition position, String item, String key, String message) {
        problems.add(new ConfigProblem(source, position, item, key, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size();
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }
}
