package io.guestgateway.ingest;

/** UTF-8 sizes without encoding: a frame arrives as a String, its limit is in wire bytes. */
final class Utf8 {

    private Utf8() {
    }

    /** Bytes {@code text} takes in UTF-8 (a lone surrogate counts as the 3-byte replacement). */
    static long length(CharSequence text) {
        long bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
