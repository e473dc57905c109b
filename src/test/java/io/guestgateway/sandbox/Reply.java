package io.guestgateway.sandbox;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** A JSON answer of the sandbox, built before it is sent so it can be recorded first. */
record Reply(int status, JsonObject body, Map<String, String> headers) {

    static Reply json(int status, JsonObject body) {
        return new Reply(status, body, Map.of());
    }

    /** An error body the way OAuth-style APIs shape them: a code and a human-readable reason. */
    static Reply error(int status, String error, String reason) {
        return json(status, new JsonObject().put("error", error).put("error_description", reason));
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, Map.copyOf(more));
    }

    void send(HttpServerResponse response) {
        if (response.ended() || response.closed()) {
            return; // the client gave up (e.g. its timeout was shorter than the injected latency)
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        headers.forEach(response::putHeader);
        response.end(body.encode());
    }
}
