package io.guestgateway.ops;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream file by file: ustar headers and PAX path records, which is what Jib writes. The
 * test class path has no archive library, and an image must be read without a container runtime.
 */
final class Tar {

    interface Visitor {
        void file(String name, long size, InputStream content) throws IOException;
    }

    private static final int BLOCK = 512;

    private Tar() {
    }

    /** Calls {@code visitor} for each regular file; its stream ends with the file. */
    static void entries(InputStream in, Visitor visitor) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
            long size = Long.parseLong(field(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            String prefix = field(header, 345, 155);
            String name = longName != null ? longName
                    : prefix.isEmpty() ? field(header, 0, 100) : prefix + "/" + field(header, 0, 100);
            Bounded content = new Bounded(in, size);
            longName = null;
            if (type == 'x') {
                longName = paxPath(new String(content.readAllBytes(), StandardCharsets.UTF_8));
            } else if (type == '0' || type == 0) {
                visitor.file(normalise(name), size, content);
            }
            content.skipRest();
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        }
    }

    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int equals = record.indexOf('=');
            if (equals > 0 && record.substring(record.indexOf(' ') + 1, equals).equals("path")) {
                return record.substring(equals + 1);
            }
        }
        return null;
    }

    private static String normalise(String name) {
        return name.replaceFirst("^\\./", "").replaceFirst("^/", "");
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** The entry's bytes and no more. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = super.read();
            if (b < 0) {
                throw new EOFException("tar entry cut short");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("tar entry cut short");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the tar stream goes on after this entry
        }

        void skipRest() throws IOException {
            in.skipNBytes(left);
            left = 0;
        }
    }
}
