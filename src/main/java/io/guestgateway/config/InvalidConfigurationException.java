package io.guestgateway.config;

import java.util.List;

/** Start-up stops on these problems, one line per key; {@link ConfigFailureAnalyzer} prints them. */
public class InvalidConfigurationException extends IllegalStateException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
