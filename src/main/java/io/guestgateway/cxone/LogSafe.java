package io.guestgateway.cxone;

/**
 * Makes text from outside (a close reason, a server's error code, a client id) safe to put in a
 * log line or health detail: control and non-ASCII-printable characters become {@code \\uXXXX}, so
 * nobody can forge log lines or move a terminal's cursor, and the length is capped.
 */
public final class LogSafe {

    private LogSafe() {
    }

    public static String escape(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= maxLength) {
                out.append("...");
                break;
            }
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** "ConnectException: Connection refused", taking the message from a cause when the error has none. */
    public static String describe(Throwable error) {
        Throwable e = error;
        for (int i = 0; i < 5 && e.getMessage() == null && e.getCause() != null; i++) {
            e = e.getCause();
        }
        String message = e.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + escape(message, 200));
    }
}
