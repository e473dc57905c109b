package io.guestgateway.config;

import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;

/**
 * Turns a bad configuration value into one line per key ("crm.batch-size must be greater than
 * 0") instead of Spring's binding report. {@link ConfigurationCheck} names every bad key before the
 * gateway starts; this covers a context that binds a settings record without that check (a test's
 * narrower context). Values are not echoed: a key may hold a secret.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    static final String ACTION =
            "Correct the keys in application.yaml, on the command line (--key=value) or in the environment.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String prefix = cause.getName().toString();
        String description;
        if (cause.getCause() instanceof BindValidationException validation) {
            description = validation.getValidationErrors().getAllErrors().stream()
                    .map(error -> {
                        String key = error instanceof FieldError field
                                ? prefix + "." + kebab(field.getField()) : prefix;
                        return new SettingsViolations.Problem(key, error.getDefaultMessage()).line();
                    })
                    .sorted()
                    .collect(Collectors.joining(System.lineSeparator()));
        } else {
            String key = cause.getProperty() != null ? cause.getProperty().getName().toString() : prefix;
            // the conversion's own message would quote the value
            description = new SettingsViolations.Problem(key,
                    "cannot be read as " + cause.getTarget().getType().resolve(Object.class).getSimpleName()).line();
        }
        return new FailureAnalysis(description, ACTION, cause);
    }

    static String kebab(String field) {
        StringBuilder out = new StringBuilder();
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
