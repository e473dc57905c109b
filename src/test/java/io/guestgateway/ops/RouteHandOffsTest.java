package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The routes say what the gateway decides; Java is called only where Camel has no words, and each
 * such place says why. A hand-off is a bean step, a bean call in simple, a method expression or a
 * {@code *Ref} option; its reason is a comment starting with "Java:" on its line or the three
 * lines above it. A bean plugged into an EIP option (an aggregation strategy or repository, an
 * idempotent repository, an executor, a route policy, a circuit breaker) is Camel's own extension
 * point, not counted, but it too has a comment saying what it does.
 */
class RouteHandOffsTest {

    /** The budget: the parser, the content filter, the flood guard, the broker commits, the request, the retry waits, the SLA, the CRM batch order. */
    static final int MAX_HAND_OFFS = 12;

    private static final Pattern HAND_OFF = Pattern.compile("^\\s*- bean:|\\$\\{bean:|^\\s*\\w+Ref:\\s");
    /** An EIP option that plugs a bean in (Camel's own extension points): not a hand-off, but it says why. */
    private static final Pattern PLUGGED_BEAN = Pattern.compile(
            "^\\s*(aggregationStrategy|aggregationRepository|idempotentRepository|executorService|routePolicy|circuitBreaker):\\s*\\w+\\s*$");
    /** The method language as an expression (a bare "method:" key); Camel 4.17 cannot dump it for Hawtio either. */
    private static final Pattern METHOD_EXPRESSION = Pattern.compile("^\\s*(?:- )?method:\\s*$");

    @Test
    void atMostTwelveHandOffsEachWithItsReason() throws IOException {
        List<String> handOffs = new ArrayList<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path file : routes.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).replaceFirst("\\s+#.*$", "");
                    assertThat(METHOD_EXPRESSION.matcher(code).find()).as("%s:%d uses the method language", file, i + 1).isFalse();
                    if (PLUGGED_BEAN.matcher(code).find()) {
                        boolean said = false;
                        for (int j = Math.max(0, i - 3); j <= i; j++) {
                            said |= lines.get(j).contains("# ");
                        }
                        assertThat(said).as("%s:%d plugs a bean into an EIP without a comment saying what it does", file, i + 1)
                                .isTrue();
                    }
                    if (code.stripLeading().startsWith("#") || !HAND_OFF.matcher(code).find()) {
                        continue;
                    }
                    String where = file.getFileName() + ":" + (i + 1);
                    handOffs.add(where);
                    boolean reason = false;
                    // a bean step's reason may sit on its id line, just below "- bean:"
                    for (int j = Math.max(0, i - 3); j <= Math.min(lines.size() - 1, i + 1); j++) {
                        reason |= lines.get(j).contains("# Java:");
                    }
                    assertThat(reason).as("%s hands a decision to Java without a '# Java:' reason", where).isTrue();
                }
            }
        }
        assertThat(handOffs).as("hand-offs to Java in routes/*.yaml").isNotEmpty().hasSizeLessThanOrEqualTo(MAX_HAND_OFFS);
    }
}
