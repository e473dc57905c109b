package io.guestgateway.ops;

import java.util.Map;

/**
 * deploy/routes-configmap.yaml as it follows from routes/: each route file under its own name, as
 * {@code kubectl create configmap --from-file=routes/} makes it, with a header a reader needs.
 */
final class RoutesConfigMap {

    private static final String HEADER = """
            # The gateway's routes for Kubernetes / Camel K: routes/*.yaml as they are in the repository,
            # mounted at /deployments/routes, where the image's gateway reads them (an empty or missing mount:
            # the copies in the image). DeployManifestsTest checks that this file follows routes/; when it
            # does not, it writes the file anew in target/deploy/. On a cluster, a route changes without a
            # new image: update this ConfigMap (deploy/README.md) and restart the pods.
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cxone-guest-gateway-routes
              labels:
                app.kubernetes.io/name: cxone-guest-gateway
            data:
            """;

    private RoutesConfigMap() {
    }

    static String yaml(Map<String, String> routeFiles) {
        StringBuilder yaml = new StringBuilder(HEADER);
        routeFiles.forEach((name, content) -> {
            // a literal block keeps the file byte for byte: "|" for one final line break, "|-" for none,
            // "|+" for more; the indentation indicator when the first line starts with a space
            String chomping = content.endsWith("\n\n") ? "+" : content.endsWith("\n") ? "" : "-";
            String indentation = content.startsWith(" ") ? "4" : "";
            yaml.append("  ").append(name).append(": |").append(indentation).append(chomping).append('\n');
            content.lines().forEach(line -> yaml.append(line.isEmpty() ? "" : "    " + line).append('\n'));
        });
        return yaml.toString();
    }
}
