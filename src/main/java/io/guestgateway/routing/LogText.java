package io.guestgateway.routing;

/** Makes untrusted text (conversation ids, CXone's error text) safe for one log line. */
public final class LogText {

    private static final int MAX = 200;

    private LogText() {}

    /** Control characters escaped as {@code \\uXXXX}, cut to 200 characters; {@code null} stays "null". */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX && text.length() > MAX) {
            out.append('…');
        }
        return out.toString();
    }
}
