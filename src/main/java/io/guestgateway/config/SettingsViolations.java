package io.guestgateway.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The constraint violations of a bound settings record, each named by its configuration key
 * ({@code crm.batch-size}, {@code cxone.websocket.heartbeat}), so that a wrong value reads the same under
 * the start-up check and the failure analyzer. Messages never quote the value.
 */
final class SettingsViolations {

    /** One thing wrong with one key. */
    record Problem(String key, String reason) {

        String line() {
            return "Invalid configuration: " + key + " " + reason;
        }
    }

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private SettingsViolations() {}

    /**
     * @param prefix     the record's key prefix, e.g. {@code routing}
     * @param notChecked constraint paths under the prefix that are not checked
     * @return the violations, sorted by key
     */
    static List<Problem> of(String prefix, Object settings, Predicate<String> notChecked) {
        List<Problem> problems = new ArrayList<>();
        for (ConstraintViolation<Object> violation : VALIDATOR.validate(settings)) {
            String path = path(violation.getPropertyPath());
            if (!notChecked.test(path)) {
                problems.add(new Problem(prefix + (path.isEmpty() ? "" : "." + path), violation.getMessage()));
            }
        }
        problems.sort(Comparator.comparing(Problem::key).thenComparing(Problem::reason));
        return problems;
    }

    private static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ConfigFailureAnalyzer.kebab(node.getName()));
            }
        }
        return out.toString();
    }
}
