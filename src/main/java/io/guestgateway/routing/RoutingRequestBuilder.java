package io.guestgateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.guest.GuestMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Task Routing request body of docs/cxone-contract.md §3, built from one guest message. */
public class RoutingRequestBuilder {

    static final int LAST_NAME_LENGTH = 8;

    private final ObjectMapper json;
    private final String emailDomain;

    public RoutingRequestBuilder(ObjectMapper json, String emailDomain) {
        this.json = json;
        this.emailDomain = emailDomain;
    }

    /**
     * The JSON body that routes {@code message}'s conversation to {@code queueId} (the message's
     * own queue, or the fallback queue after a 400).
     */
    public String body(GuestMessage message, String queueId) {
        String id = message.sessionId();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("guest message without a conversation id");
        }
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", id);
        customer.put("firstName", "Guest");
        customer.put("lastName", lastName(message.fingerprint()));
        customer.put("email", "guest_" + id + "@" + emailDomain);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "webchat");
        body.put("queueId", queueId);
        body.put("customer", customer);
        body.put("media", Map.of("webchat", webchat(message.text())));
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // maps of strings always serialise; this would be a Jackson bug
            throw new IllegalStateException("cannot write the routing request", e);
        }
    }

    static String lastName(String fingerprint) {
        String fp = fingerprint == null || fingerprint.isEmpty() ? GuestMessage.ANONYMOUS : fingerprint;
        // characters, not UTF-16 units: a fingerprint with an emoji is not cut through a surrogate pair
        return fp.codePointCount(0, fp.length()) <= LAST_NAME_LENGTH
                ? fp : fp.substring(0, fp.offsetByCodePoints(0, LAST_NAME_LENGTH));
    }

    private static Map<String, Object> webchat(String text) {
        Map<String, Object> webchat = new LinkedHashMap<>();
        webchat.put("message", text == null ? "" : text);
        webchat.put("url", "");
        return webchat;
    }
}
