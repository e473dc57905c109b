package io.guestgateway.ingest;

import java.security.SecureRandom;

/**
 * A keyed 64-bit hash of a fingerprint (SipHash-2-4 over its UTF-16 code units), the key the
 * {@link FloodGuard} stores instead of the string.
 *
 * <p>Keyed with a random secret per instance, because the fingerprints are chosen by whoever
 * sends the frames: with an unkeyed hash (String.hashCode, xxHash) an attacker could craft
 * fingerprints that all land in one probe chain, or that collide with a victim's fingerprint
 * and use up its window. With a secret key neither is feasible. Two honest fingerprints share
 * a 64-bit value with probability about n²/2^65 (1e-8 for a million tracked at once); if they
 * do, they share one window, which errs towards blocking, never towards letting a flood in.
 */
final class FingerprintHash {

    private final long k0;
    private final long k1;

    FingerprintHash() {
        this(new SecureRandom());
    }

    FingerprintHash(java.util.Random random) {
        this(random.nextLong(), random.nextLong());
    }

    /** A fixed key: for the SipHash test vectors only. */
    FingerprintHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** Never 0: the flood guard's tables use 0 for an empty slot. */
    long hash(CharSequence text) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int n = text.length();
        int fullWords = n / 4;
        // four UTF-16 units per 64-bit word, then SipHash's last block: byte length in the top byte
        for (int w = 0; w <= fullWords; w++) {
            long m = w < fullWords ? word(text, 4 * w) : lastBlock(text, 4 * fullWords, n);
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        long h = v0 ^ v1 ^ v2 ^ v3;
        return h == 0 ? 1 : h;
    }

    private static long word(CharSequence text, int i) {
        return text.charAt(i) | (long) text.charAt(i + 1) << 16
                | (long) text.charAt(i + 2) << 32 | (long) text.charAt(i + 3) << 48;
    }

    private static long lastBlock(CharSequence text, int from, int n) {
        long block = (long) (n * 2) << 56;
        for (int i = from, shift = 0; i < n; i++, shift += 16) {
            block |= (long) text.charAt(i) << shift;
        }
        return block;
    }
}
