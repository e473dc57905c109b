package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The gateway's image as the pom's Jib configuration builds it, on an empty base (no base image can be
 * pulled here) into a tarball, once per test JVM: its configuration and layers, and its files laid out
 * under {@link #ROOT}. Runs the project's Maven wrapper on the classes the surrounding build compiled.
 */
final class GatewayImage {

    /** deploy/README.md's command; the build adds batch mode, no update check and its own output file. */
    static final String README_COMMAND = "./mvnw -q dependency:copy@jolokia-agent jib:buildTar -Djib.base-image=scratch";
    static final Path DIR = Path.of("target", "image-test").toAbsolutePath();
    /** The image's file system: what its layers hold, without the (empty) base. */
    static final Path ROOT = DIR.resolve("root");
    private static final long BUILD_TIMEOUT_SECONDS = 300; // a first run downloads the Jib plugin
    private static OciImage image;

    private GatewayImage() {
    }

    static synchronized OciImage build() throws IOException, InterruptedException {
        if (image != null) {
            return image;
        }
        assertThat(Path.of("target/classes/io/guestgateway/GatewayApplication.class"))
                .as("the build compiles the gateway before this test").exists();
        Files.createDirectories(DIR);
        Path tar = DIR.resolve("image.tar");
        Path log = DIR.resolve("jib.log");
        Files.deleteIfExists(tar);
        deleteTree(ROOT);
        List<String> command = new ArrayList<>(List.of(README_COMMAND.split(" ")));
        command.addAll(List.of("-B", "-ntp", "-Djib.disableUpdateChecks=true", "-Djib.outputPaths.tar=" + tar));
        Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!maven.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("%s did not finish in %d s; its output: %s", command, BUILD_TIMEOUT_SECONDS, log);
        }
        assertThat(maven.exitValue()).as("%s failed; its output: %s", command, log).isZero();
        image = OciImage.read(tar, file -> !file.startsWith("app/libs/"), ROOT);
        return image;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
