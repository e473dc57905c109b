package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.guestgateway.GatewayApplication;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production jar holds only the gateway: the CXone sandbox and the guest simulator are test
 * doubles and live in the test sources. Checks the compiled production classes, the sources and,
 * when a jar newer than those classes exists, the jar.
 */
class ProductionClassesTest {

    private static final List<String> TEST_DOUBLES = List.of("io/guestgateway/sandbox/", "io/guestgateway/simulator/");
    private static final List<String> TEST_PACKAGES = List.of("io.guestgateway.sandbox", "io.guestgateway.simulator");

    @Test
    void noProductionClassIsATestDoubleOrRefersToOne() throws IOException {
        Path classes = productionClasses();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                assertThat(name).as("production class or resource").doesNotStartWith(TEST_DOUBLES.get(0))
                        .doesNotStartWith(TEST_DOUBLES.get(1));
                // a class file names every class it uses in its constant pool
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as("%s refers to a test double", name)
                        .doesNotContain(TEST_DOUBLES.get(0)).doesNotContain(TEST_DOUBLES.get(1))
                        .doesNotContain(TEST_PACKAGES.get(0)).doesNotContain(TEST_PACKAGES.get(1));
            }
        }
    }

    @Test
    void theMainSourcesDoNotMentionTheTestDoubles() throws IOException {
        Path main = Path.of("src/main");
        assumeTrue(Files.isDirectory(main), "run from the project directory");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString())
                        .doesNotContain(TEST_PACKAGES.get(0)).doesNotContain(TEST_PACKAGES.get(1));
            }
        }
    }

    @Test
    void thePackagedJarHoldsNoTestDouble() throws IOException {
        Path jar = Path.of("target/cxone-guest-gateway-0.1.0.jar");
        Path marker = productionClasses().resolve(GatewayApplication.class.getName().replace('.', '/') + ".class");
        // ./mvnw package runs the tests before it packages: an older jar is the previous build's
        assumeTrue(Files.isRegularFile(jar)
                        && !Files.getLastModifiedTime(jar).toInstant().isBefore(Files.getLastModifiedTime(marker).toInstant()),
                "no jar built from these classes");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.stream().map(entry -> entry.getName()).filter(n -> n.startsWith("BOOT-INF/classes/")))
                    .isNotEmpty()
                    .noneMatch(n -> n.startsWith("BOOT-INF/classes/" + TEST_DOUBLES.get(0)))
                    .noneMatch(n -> n.startsWith("BOOT-INF/classes/" + TEST_DOUBLES.get(1)));
        }
    }

    private static Path productionClasses() {
        try {
            return Path.of(GatewayApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
