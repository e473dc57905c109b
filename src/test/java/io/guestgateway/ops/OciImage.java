package io.guestgateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OCI image tarball as {@code jib:buildTar} writes it, read without a container runtime: the image
 * configuration, every file path in its layers, and the contents of the files a test asks for.
 */
final class OciImage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SMALL = 1 << 20;

    final JsonNode config;
    /** The name Jib gave the image (its target image reference). */
    final String name;
    final Set<String> files = new TreeSet<>();
    final Map<String, byte[]> contents = new HashMap<>();

    private OciImage(JsonNode config, String name) {
        this.config = config;
        this.name = name;
    }

    /**
     * Reads {@code tar}, keeping the contents of the layer files that {@code keep} accepts, and writing
     * every layer file under {@code root} (the image's file system, as a container would see it).
     */
    static OciImage read(Path tar, Predicate<String> keep, Path root) throws IOException {
        Map<String, byte[]> small = new HashMap<>(); // the index, the manifest and the configuration
        eachEntry(tar, (name, size, in) -> {
            if (size <= SMALL) {
                small.put(name, in.readAllBytes());
            }
        });
        JsonNode index = JSON.readTree(small.get("index.json"));
        JsonNode manifest = JSON.readTree(small.get(blob(index.at("/manifests/0/digest").asText())));
        OciImage image = new OciImage(JSON.readTree(small.get(blob(manifest.at("/config/digest").asText()))).get("config"),
                index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText());
        Set<String> layers = new TreeSet<>();
        manifest.get("layers").forEach(layer -> layers.add(blob(layer.get("digest").asText())));
        eachEntry(tar, (name, size, in) -> {
            if (layers.contains(name)) {
                Tar.entries(new GZIPInputStream(in), (file, length, content) -> {
                    image.files.add(file);
                    byte[] bytes = content.readAllBytes();
                    if (keep.test(file)) {
                        image.contents.put(file, bytes);
                    }
                    Path target = root.resolve(file).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("a layer file outside the image's root: " + file);
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, bytes);
                });
            }
        });
        return image;
    }

    String text(String file) {
        byte[] bytes = contents.get(file);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String blob(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static void eachEntry(Path tar, Tar.Visitor visitor) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
            Tar.entries(in, visitor);
        }
    }
}
