package io.guestgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Kubernetes the routes folder is a mounted ConfigMap (deploy/), which the kubelet lays out as
 * links: {@code ingest.yaml -> ..data/ingest.yaml}, {@code ..data -> ..<timestamp>/}, so that an update
 * swaps one link. The gateway must see each route once through it, and an empty mount must leave it
 * with the routes in its jar.
 */
class RoutesMountTest {

    @Test
    void aConfigMapMountGivesEachRouteOnce(@TempDir Path mount) throws Exception {
        Path version = Files.createDirectory(mount.resolve("..2026_12_06_06_00_00.000000001"));
        Files.writeString(version.resolve("ingest.yaml"), "- route:\n    id: a\n");
        Files.writeString(version.resolve("sync-crm.yaml"), "- route:\n    id: b\n");
        Files.createSymbolicLink(mount.resolve("..data"), version.getFileName());
        for (String route : List.of("ingest.yaml", "sync-crm.yaml")) {
            Files.createSymbolicLink(mount.resolve(route), Path.of("..data", route));
        }

        assertThat(GatewayDefaults.hasRouteFiles(mount)).isTrue();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            List<String> found = PluginHelper.getPackageScanResourceResolver(camel)
                    .findResources("file:" + mount.toAbsolutePath() + "/*.yaml").stream()
                    .map(Resource::getLocation).map(location -> Path.of(location.replaceFirst("^file:", "")))
                    .map(path -> path.getFileName().toString()).sorted().toList();
            assertThat(found).containsExactly("ingest.yaml", "sync-crm.yaml");
        }
    }

    @Test
    void anEmptyOrMissingMountLeavesTheRoutesInTheJar(@TempDir Path mount) throws IOException {
        assertThat(GatewayDefaults.hasRouteFiles(mount)).isFalse();
        assertThat(GatewayDefaults.hasRouteFiles(mount.resolve("routes"))).isFalse();
        Files.createDirectory(mount.resolve("..data"));
        assertThat(GatewayDefaults.hasRouteFiles(mount)).isFalse();
    }
}
