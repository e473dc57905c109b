package io.guestgateway.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Builds a settings record ({@link CxoneProperties}, {@link RoutingProperties}, ...) from flat
 * keys when no Spring Boot binds it: Camel Main, Camel JBang, Camel K. The record stays the one
 * typed declaration of its keys: the same kebab-case names, the defaults of its
 * {@code @DefaultValue} annotations, the value formats Spring Boot reads ({@code 30s},
 * {@code 500ms}, {@code PT2S}; {@code true}/{@code yes}/{@code on}) and its constraints, so a bad
 * value stops start-up with one line naming the key. Values are never echoed: a key may hold a
 * secret.
 */
public final class SettingsBinder {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");

    private SettingsBinder() {}

    /**
     * @param prefix     the record's key prefix, e.g. {@code routing}
     * @param lookup     a key's value, if set
     * @param notChecked constraint paths under the prefix that this runtime does not use (not validated)
     */
    public static <R extends Record> R bind(String prefix, Class<R> type, Function<String, Optional<String>> lookup,
            Predicate<String> notChecked) {
        R settings = create(prefix, type, lookup);
        Set<String> problems = new TreeSet<>();
        SettingsViolations.of(prefix, settings, notChecked).forEach(problem -> problems.add(problem.line()));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(System.lineSeparator(), problems));
        }
        return settings;
    }

    private static <R> R create(String prefix, Class<R> type, Function<String, Optional<String>> lookup) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            Parameter[] parameters = canonical.getParameters();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                String key = prefix + "." + ConfigFailureAnalyzer.kebab(components[i].getName());
                DefaultValue defaults = parameters[i].getAnnotation(DefaultValue.class);
                values[i] = types[i].isRecord()
                        ? create(key, types[i], lookup) // nested settings always exist, with their defaults
                        : value(key, types[i], lookup.apply(key)
                                .or(() -> Optional.ofNullable(defaults).filter(d -> d.value().length > 0)
                                        .map(d -> d.value()[0])));
            }
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Invalid configuration: " + prefix + " " + e.getCause().getMessage(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not a settings record: " + type.getName(), e);
        }
    }

    private static Object value(String key, Class<?> type, Optional<String> raw) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("Invalid configuration: " + key + " is required");
            }
            return type == String.class ? raw.orElse(null) : null;
        }
        String text = raw.get().trim();
        try {
            return convert(text, type);
        } catch (RuntimeException e) {
            // the message would quote the value, which may be a secret
            throw new IllegalArgumentException("Invalid configuration: " + key + " cannot be read as "
                    + type.getSimpleName());
        }
    }

    private static Object convert(String text, Class<?> type) {
        if (type == String.class) {
            return text;
        } else if (type == int.class || type == Integer.class) {
            return Integer.valueOf(text);
        } else if (type == long.class || type == Long.class) {
            return Long.valueOf(text);
        } else if (type == double.class || type == Double.class) {
            return Double.valueOf(text);
        } else if (type == boolean.class || type == Boolean.class) {
            return bool(text);
        } else if (type == Duration.class) {
            return duration(text);
        } else if (type == URI.class) {
            return URI.create(text);
        } else if (type == java.nio.file.Path.class) {
            return java.nio.file.Path.of(text);
        }
        throw new IllegalStateException("no conversion to " + type.getName());
    }

    /** Spring Boot's simple ({@code 30s}, {@code 500ms}, a bare number is milliseconds) or ISO-8601 form. */
    static Duration duration(String text) {
        Matcher simple = SIMPLE_DURATION.matcher(text);
        if (!simple.matches()) {
            return Duration.parse(text);
        }
        long amount = Long.parseLong(simple.group(1));
        ChronoUnit unit = switch (simple.group(2).toLowerCase(Locale.ROOT)) {
            case "ns" -> ChronoUnit.NANOS;
            case "us" -> ChronoUnit.MICROS;
            case "", "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException("unknown unit");
        };
        return Duration.of(amount, unit);
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }
}
