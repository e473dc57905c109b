package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintHashTest {

    // the SipHash-2-4 reference key 00 01 .. 0f
    private final FingerprintHash reference = new FingerprintHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    @Test
    void matchesSipHashReferenceVectorsOverUtf16LittleEndian() {
        assertThat(reference.hash("")).isEqualTo(0x726fdb47dd0e0e31L);
        // bytes 00..07 as four little-endian UTF-16 units
        assertThat(reference.hash("\u0100\u0302\u0504\u0706")).isEqualTo(0x93f5f5799a932462L);
        // cross-checked with an independent byte-wise implementation
        assertThat(reference.hash("fp-3b9d2c71a0")).isEqualTo(0x959ead12b7b478b4L);
        assertThat(reference.hash("é😀x")).isEqualTo(0xbb82adf39b1b5e82L);
    }

    @Test
    void keyedPerInstanceAndSpreadsSimilarStrings() {
        FingerprintHash a = new FingerprintHash();
        FingerprintHash b = new FingerprintHash();
        assertThat(a.hash("fp-1")).isEqualTo(a.hash("fp-1")).isNotEqualTo(b.hash("fp-1"));
        Set<Long> lowBits = new HashSet<>();
        for (int i = 0; i < 4096; i++) {
            lowBits.add(a.hash("fp-" + i) & 0xfff);
        }
        // 4096 keys into 4096 buckets: a uniform hash fills about 63% of them
        assertThat(lowBits.size()).isBetween(2400, 2800);
    }
}
