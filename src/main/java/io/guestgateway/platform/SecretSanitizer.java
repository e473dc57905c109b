package io.guestgateway.platform;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks secrets in {@code /actuator/env} and {@code /actuator/configprops} and leaves everything
 * else readable for the administrator (Spring Boot 3 on its own shows every value or none):
 * <ul>
 *   <li>a key that ends in a credential word ({@code cxone.client-secret}, {@code clientSecret},
 *       {@code gateway.admin.password}, {@code CXONE_CLIENT_SECRET}, {@code crm.api-key},
 *       {@code access-token}) shows {@value SanitizableData#SANITIZED_VALUE}; a key that merely
 *       contains such a word ({@code cxone.token-refresh-buffer}) does not;</li>
 *   <li>in any other text value, {@code name=value} and {@code "name":"value"} pairs whose name
 *       ends in a credential word, and the password of a URL's {@code user:password@}, are masked.
 *       That covers the command line ({@code sun.java.command} with
 *       {@code --gateway.admin.password=...}), JDBC URLs and {@code SPRING_APPLICATION_JSON}.</li>
 * </ul>
 */
public class SecretSanitizer implements SanitizingFunction {

    static final String MASK = SanitizableData.SANITIZED_VALUE;

    private static final List<String> SECRET_SUFFIXES = List.of(
            "password", "passwd", "passphrase", "secret", "token", "tokens", "key", "credential", "credentials");
    private static final String SECRET_NAME =
            "[\\w.\\-\\[\\]]*?(?:password|passwd|passphrase|secret|tokens?|key|credentials?)";
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)(" + SECRET_NAME + "=)([^\\s&;,]+)");
    private static final Pattern JSON_MEMBER = Pattern.compile("(?i)(\"" + SECRET_NAME + "\"\\s*:\\s*\")([^\"]*)");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+:)([^@\\s/]+)(?=@)");

    @Override
    public SanitizableData apply(SanitizableData data) {
        Object value = data.getValue();
        if (value == null || data.getKey() == null) {
            return data;
        }
        if (isSecretKey(data.getKey())) {
            return data.withSanitizedValue();
        }
        if (value instanceof CharSequence text) {
            String masked = maskInText(text.toString());
            if (!masked.contentEquals(text)) {
                return data.withValue(masked);
            }
        }
        return data;
    }

    static boolean isSecretKey(String key) {
        String name = key.toLowerCase(Locale.ROOT).replaceAll("\\[\\d+]$", "");
        return SECRET_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    static String maskInText(String text) {
        String masked = mask(ASSIGNMENT, text);
        masked = mask(JSON_MEMBER, masked);
        return mask(URL_PASSWORD, masked);
    }

    /** Keeps group 1 (the name), replaces group 2 (the value). */
    private static String mask(Pattern pattern, String text) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
