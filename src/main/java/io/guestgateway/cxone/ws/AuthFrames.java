package io.guestgateway.cxone.ws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** The in-band auth handshake of docs/cxone-contract.md §2: the frame we send and the answers we recognise. */
final class AuthFrames {

    enum Answer { ACCEPTED, REFUSED, NOT_AUTH }

    /** An auth answer is a tiny object; anything longer is data and skips the JSON parse. */
    private static final int MAX_ANSWER_LENGTH = 1024;

    private AuthFrames() {
    }

    /** {@code {"type":"auth","token":"..."}}, with the token JSON-escaped. */
    static String auth(String token) {
        return new JsonObject().put("type", "auth").put("token", token).encode();
    }

    static Answer classify(String text) {
        if (text.length() > MAX_ANSWER_LENGTH || !text.contains("\"auth\"")) {
            return Answer.NOT_AUTH;
        }
        try {
            JsonObject json = new JsonObject(text);
            if (!"auth".equals(json.getValue("type"))) {
                return Answer.NOT_AUTH;
            }
            return "ok".equals(json.getValue("status")) ? Answer.ACCEPTED : Answer.REFUSED;
        } catch (DecodeException | ClassCastException e) {
            return Answer.NOT_AUTH;  // not JSON, or not an object: the route will reject it
        }
    }
}
