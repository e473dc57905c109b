package io.guestgateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one contract field with its type and content rules. Absent and JSON {@code null} both
 * mean "missing"; a present value of the wrong type is never coerced (a number where a string
 * belongs rejects the frame, it does not become its decimal text).
 */
final class FrameFields {

    private FrameFields() {
    }

    /** The member {@code name} of {@code parent} when it is an object; {@code null} when missing. */
    static JsonNode object(JsonNode parent, String name, RejectReason reason) {
        JsonNode node = member(parent, name);
        if (node != null && !node.isObject()) {
            throw new RejectedFrameException(reason, name + " is not an object");
        }
        return node;
    }

    /**
     * An identifier-like string: printable ({@link SafeText#isPrintable}) and at most
     * {@code maxChars} code points. Missing, {@code ""} or only spaces give {@code null}.
     */
    static String identifier(JsonNode parent, String name, int maxChars, RejectReason reason) {
        JsonNode node = member(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new RejectedFrameException(reason, name + " is not a string");
        }
        String value = node.textValue();
        // cheap upper bound first: more than 2 chars per code point is impossible
        if (value.length() > 2 * maxChars || value.codePointCount(0, value.length()) > maxChars) {
            throw new RejectedFrameException(reason, name + " is longer than " + maxChars + " characters");
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!SafeText.isPrintable(cp)) {
                throw new RejectedFrameException(reason, name + " contains a control or format character");
            }
            i += Character.charCount(cp);
        }
        // after the check the only whitespace left is U+0020, so isBlank means "only spaces"
        return value.isBlank() ? null : value;
    }

    /** The guest's text; missing gives {@code ""}; longer than {@code max} is cut, see {@link #cut}. */
    static String text(JsonNode parent, String name, int max) {
        JsonNode node = member(parent, name);
        if (node == null) {
            return "";
        }
        if (!node.isTextual()) {
            throw new RejectedFrameException(RejectReason.BAD_TEXT, name + " is not a string");
        }
        return cut(node.textValue(), max);
    }

    /**
     * Text of at most {@code max} chars: a longer one keeps its first
     * {@code max - GuestFrames.TRUNCATION_MARKER.length()} chars (one fewer rather than half a
     * surrogate pair) followed by the marker, so a reader sees it was cut.
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int keep = max - GuestFrames.TRUNCATION_MARKER.length();
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + GuestFrames.TRUNCATION_MARKER;
    }

    private static JsonNode member(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : node;
    }
}
