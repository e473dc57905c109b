package io.guestgateway.simulator;

/**
 * Writes frames in the contract's Web Messaging schema. Hand-written JSON: it runs more than
 * 20,000 times a second, and the field order and number format stay exactly as the contract shows.
 */
final class SimulatedFrames {

    /** The ways a malformed frame breaks a contract rule; each keeps {@code "type":"message"}. */
    static final int MALFORMED_VARIANTS = 6;

    private SimulatedFrames() {}

    static String inbound(String conversationId, String messageId, String text, long epochMillis,
            String fingerprint, String queueId) {
        StringBuilder json = new StringBuilder(320);
        json.append("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":");
        quote(json, conversationId);
        fields(json, messageId, text, epochMillis);
        json.append(",\"metadata\":{\"browserFingerprint\":");
        quote(json, fingerprint);
        json.append(",\"routing\":{\"queueId\":");
        quote(json, queueId);
        json.append("}},\"guest\":{\"fingerprint\":");
        quote(json, fingerprint);
        return json.append("}}").toString();
    }

    static String outbound(String conversationId, String messageId, String text, long epochMillis, String agentId) {
        StringBuilder json = new StringBuilder(200);
        json.append("{\"type\":\"message\",\"direction\":\"outbound\",\"conversationId\":");
        quote(json, conversationId);
        fields(json, messageId, text, epochMillis);
        json.append(",\"agent\":{\"id\":");
        quote(json, agentId);
        return json.append("}}").toString();
    }

    /** A message frame that breaks one rule of the contract, by {@code variant} (0..5). */
    static String malformed(int variant, String conversationId, String messageId, String text, long epochMillis,
            String fingerprint, String queueId) {
        String valid = inbound(conversationId, messageId, text, epochMillis, fingerprint, queueId);
        String id = "\"conversationId\":\"" + conversationId + "\"";
        return switch (variant) {
            case 0 -> valid.substring(0, valid.length() / 2);                          // not valid JSON
            case 1 -> valid.replace(id + ",", "");                                      // no conversationId
            case 2 -> valid.replace(id, "\"conversationId\":\"  \"");                   // blank conversationId
            case 3 -> valid.replace(id, "\"conversationId\":" + (epochMillis % 100_000)); // not a string
            case 4 -> valid.replaceFirst("\"text\":\"(\\\\.|[^\"\\\\])*\"", "\"text\":{\"oops\":true}"); // text not a string
            default -> valid.replaceFirst("\"timestamp\":[0-9.]+", "\"timestamp\":\"yesterday\""); // unreadable time
        };
    }

    private static void fields(StringBuilder json, String messageId, String text, long epochMillis) {
        json.append(",\"messageId\":");
        quote(json, messageId);
        json.append(",\"text\":");
        quote(json, text);
        // epoch seconds with millisecond fraction, e.g. 1764412345.127
        json.append(",\"timestamp\":").append(epochMillis / 1000).append('.');
        long millis = epochMillis % 1000;
        if (millis < 100) {
            json.append('0');
        }
        if (millis < 10) {
            json.append('0');
        }
        json.append(millis);
    }

    static void quote(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
