package io.guestgateway.simulator;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The guest-message rules of docs/cxone-contract.md §2, written out independently for the tests to classify frames. */
final class ContractFrames {

    private ContractFrames() {}

    /** The frame as an object when it is a JSON object, else {@code null}. */
    static JsonObject parse(String text) {
        try {
            return new JsonObject(text);
        } catch (RuntimeException notAnObject) {
            return null;
        }
    }

    /** Whether {@code text} is an inbound guest message the gateway must accept. */
    static boolean validInbound(String text) {
        JsonObject frame = parse(text);
        if (frame == null || !"message".equals(frame.getValue("type")) || !"inbound".equals(frame.getValue("direction"))) {
            return false;
        }
        if (!(frame.getValue("conversationId") instanceof String id) || id.isBlank()) {
            return false;
        }
        Object text2 = frame.getValue("text");
        if (text2 != null && !(text2 instanceof String)) {
            return false;
        }
        Object timestamp = frame.getValue("timestamp");
        if (timestamp instanceof String iso) {
            try {
                Instant.parse(iso);
            } catch (DateTimeParseException e) {
                return false;
            }
        } else if (timestamp != null && !(timestamp instanceof Number)) {
            return false;
        }
        return true;
    }

    static boolean outbound(String text) {
        JsonObject frame = parse(text);
        return frame != null && "message".equals(frame.getValue("type")) && "outbound".equals(frame.getValue("direction"));
    }

    /** The fingerprint by the contract's rule: metadata.browserFingerprint, else guest.fingerprint. */
    static String fingerprint(JsonObject frame) {
        JsonObject metadata = frame.getJsonObject("metadata");
        if (metadata != null && metadata.getString("browserFingerprint") != null) {
            return metadata.getString("browserFingerprint");
        }
        JsonObject guest = frame.getJsonObject("guest");
        return guest == null ? null : guest.getString("fingerprint");
    }
}
