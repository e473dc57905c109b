package io.guestgateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A frame that passed the parser's limits: its JSON object, and the two fields the route's message
 * filter reads ({@code ${body.type()}}, {@code ${body.direction()}}; {@code null} unless a string).
 * The raw text is kept so that a frame the content filter rejects can still be described.
 */
public record ParsedFrame(String raw, JsonNode json) {

    public String type() {
        return json.path("type").textValue();
    }

    public String direction() {
        return json.path("direction").textValue();
    }
}
