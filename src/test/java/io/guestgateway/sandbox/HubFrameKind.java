package io.guestgateway.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Which client frames the hub relays. It drops only what it can tell is not a message: a JSON
 * object whose {@code type} is some other string (a repeated auth, typing, a ping). Everything
 * else goes through, including frames it cannot read, so the gateway's own rejection of broken
 * frames can be tested end to end. Reads only up to the {@code type} field: this runs per frame.
 */
final class HubFrameKind {

    private static final JsonFactory JSON = new JsonFactory();

    private HubFrameKind() {}

    static boolean relayable(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return true;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(name)) {
                    return value != JsonToken.VALUE_STRING || "message".equals(parser.getText());
                }
                parser.skipChildren();
            }
            return true;
        } catch (IOException unreadable) {
            return true;
        }
    }
}
