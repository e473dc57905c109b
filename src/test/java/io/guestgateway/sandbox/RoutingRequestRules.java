package io.guestgateway.sandbox;

import io.vertx.core.json.JsonObject;

/** The shape docs/cxone-contract.md §3 gives a routing request; names the first field that breaks it. */
final class RoutingRequestRules {

    private RoutingRequestRules() {}

    /** {@code null} when {@code body} follows the contract, else why not. */
    static String problem(JsonObject body) {
        if (!"webchat".equals(body.getValue("type"))) {
            return "type must be \"webchat\"";
        }
        if (!nonBlankString(body.getValue("queueId"))) {
            return "queueId must be a non-blank string";
        }
        if (!(body.getValue("customer") instanceof JsonObject customer)) {
            return "customer must be an object";
        }
        for (String field : new String[] {"id", "firstName", "lastName", "email"}) {
            if (!nonBlankString(customer.getValue(field))) {
                return "customer." + field + " must be a non-blank string";
            }
        }
        if (!customer.getString("email").contains("@")) {
            return "customer.email must be an e-mail address";
        }
        if (!(body.getValue("media") instanceof JsonObject media)
                || !(media.getValue("webchat") instanceof JsonObject webchat)) {
            return "media.webchat must be an object";
        }
        if (!(webchat.getValue("message") instanceof String)) {
            return "media.webchat.message must be a string";
        }
        Object url = webchat.getValue("url");
        if (url != null && !(url instanceof String)) {
            return "media.webchat.url must be a string";
        }
        return null;
    }

    private static boolean nonBlankString(Object value) {
        return value instanceof String s && !s.isBlank();
    }
}
