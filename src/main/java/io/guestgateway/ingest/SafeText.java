package io.guestgateway.ingest;

/**
 * Makes untrusted text safe to put in a log line or a rejected-frame excerpt, and decides which
 * characters count as "printable" for identifier fields.
 *
 * <p>A terminal interprets ESC sequences (ANSI colours, cursor moves), a log viewer splits lines on
 * CR/LF/U+2028, and bidi overrides (U+202E) make text read differently from what it is. So every
 * character that is not plainly printable is written as a Java-style escape ({@code \n}, {@code \t},
 * {@code \r}, {@code \\}, or {@code \}{@code uXXXX}), which keeps the excerpt readable and
 * unambiguous. Ordinary letters in any script, digits, punctuation and emoji are kept as they are.
 */
public final class SafeText {

    /** Appended when the escaped text was cut to fit the limit. */
    public static final String CUT = "…";

    private SafeText() {
    }

    /**
     * A printable character: not a control (C0, DEL, C1), format (bidi controls, zero-width
     * characters, BOM), line/paragraph separator, non-ASCII space, private-use or unassigned
     * code point, and not half of a surrogate pair.
     */
    public static boolean isPrintable(int codePoint) {
        if (codePoint >= 0x20 && codePoint < 0x7F) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR, Character.SURROGATE,
                    Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    /**
     * Escapes {@code text} and keeps at most {@code max} characters of the result (an escape
     * sequence is never split; a cut result ends with {@link #CUT} and is still at most
     * {@code max} long). {@code null} becomes {@code "null"}.
     */
    public static String escape(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        if (text == null) {
            return max >= 4 ? "null" : CUT;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        int budget = max - CUT.length();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            int mark = out.length();
            appendEscaped(out, cp);
            boolean last = next >= text.length();
            if (out.length() > (last ? max : budget)) {
                out.setLength(Math.min(mark, budget));
                return out.append(CUT).toString();
            }
            i = next;
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (cp == ' ' || isPrintable(cp)) {
                    out.appendCodePoint(cp);
                } else if (Character.isSupplementaryCodePoint(cp)) {
                    // private-use or unassigned astral code point: escape both UTF-16 halves
                    unicodeEscape(out, Character.highSurrogate(cp));
                    unicodeEscape(out, Character.lowSurrogate(cp));
                } else {
                    unicodeEscape(out, (char) cp);
                }
            }
        }
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        out.append("0".repeat(4 - hex.length())).append(hex);
    }
}
