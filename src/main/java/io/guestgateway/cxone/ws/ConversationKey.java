package io.guestgateway.cxone.ws;

/**
 * A cheap look at a raw frame's {@code conversationId}, so that the frame can be put in its
 * conversation's lane before it is parsed (on the event loop, once per frame): the first
 * {@code "conversationId"} key followed by a string value, hashed as written between the quotes
 * (escapes included; CXone writes one conversation's id the same way every time). Anything else
 * has no key. This decides only which lane screens the frame; the parser still judges the frame.
 */
final class ConversationKey {

    /** The hash of a frame without a usable conversationId. */
    static final int NONE = -1;

    private static final String FIELD = "\"conversationId\"";

    private ConversationKey() {
    }

    /** A non-negative hash of the frame's conversationId value, or {@link #NONE}. */
    static int hash(String frame) {
        int at = frame.indexOf(FIELD);
        if (at < 0) {
            return NONE;
        }
        int n = frame.length();
        int i = skipSpace(frame, at + FIELD.length());
        if (i >= n || frame.charAt(i) != ':') {
            return NONE;
        }
        i = skipSpace(frame, i + 1);
        if (i >= n || frame.charAt(i) != '"') {
            return NONE;
        }
        int h = 0;
        for (i++; i < n; i++) {
            char c = frame.charAt(i);
            if (c == '"') {
                h ^= h >>> 16;  // the lane is taken modulo a small count: mix the high bits in
                return h & Integer.MAX_VALUE;
            }
            if (c == '\\' && i + 1 < n) {
                h = 31 * h + c;
                c = frame.charAt(++i);  // an escaped quote does not end the value
            }
            h = 31 * h + c;
        }
        return NONE;  // unterminated: not JSON, the parser rejects it
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            i++;
        }
        return i;
    }
}
