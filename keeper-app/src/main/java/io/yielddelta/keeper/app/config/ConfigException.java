package io.yielddelta.keeper.app.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that must not be used, with every problem found in it. */
public class ConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.size() + " configuration problem(s):\n"
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
