package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void escapesLineBreaksAndTabsReadably() {
        assertThat(SafeText.escape("a\nb\tc", 100)).isEqualTo("a\\nb\\tc");
    }

    @Test
    void escapesControlAnsiBidiAndFormatCharacters() {
        assertThat(SafeText.escape("\u001b[31mred\u001b[0m", 100)).isEqualTo("\\u001b[31mred\\u001b[0m");
        assertThat(SafeText.escape("\r\u0000\u007f\u0085", 100)).isEqualTo("\\r\\u0000\\u007f\\u0085");
        assertThat(SafeText.escape("abc\u202edef\u2066\u200b\ufeff", 100))
                .isEqualTo("abc\\u202edef\\u2066\\u200b\\ufeff");
        assertThat(SafeText.escape("line\u2028sep\u00a0nbsp", 100)).isEqualTo("line\\u2028sep\\u00a0nbsp");
    }

    @Test
    void backslashIsDoubledSoEscapesAreUnambiguous() {
        assertThat(SafeText.escape("a\\u001b", 100)).isEqualTo("a\\\\u001b");
    }

    @Test
    void keepsPrintableTextInAnyScriptAndEmoji() {
        assertThat(SafeText.escape("Grüße, 你好 😀 \"q\"", 100)).isEqualTo("Grüße, 你好 😀 \"q\"");
    }

    @Test
    void escapesLoneSurrogatesAndPrivateUse() {
        assertThat(SafeText.escape("x\ud800y\udfffz\ue000", 100)).isEqualTo("x\\ud800y\\udfffz\\ue000");
    }

    @Test
    void cutsToMaxWithMarkerAndNeverSplitsAnEscape() {
        assertThat(SafeText.escape("abcde", 5)).isEqualTo("abcde");
        assertThat(SafeText.escape("abcdef", 5)).isEqualTo("abcd…");
        assertThat(SafeText.escape("abc\u001bdef", 6)).isEqualTo("abc…");
        assertThat(SafeText.escape("😀😀😀", 4)).isEqualTo("😀…");
        String long1 = "\u001b".repeat(1000);
        String out = SafeText.escape(long1, 120);
        assertThat(out).hasSizeLessThanOrEqualTo(120).endsWith("…").doesNotContain("\u001b");
        assertThat(out.replace("…", "")).matches("(\\\\u001b)+");
    }

    @Test
    void nullAndBadMax() {
        assertThat(SafeText.escape(null, 10)).isEqualTo("null");
        assertThatThrownBy(() -> SafeText.escape("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printableClassification() {
        assertThat(SafeText.isPrintable('a')).isTrue();
        assertThat(SafeText.isPrintable(' ')).isTrue();
        assertThat(SafeText.isPrintable('é')).isTrue();
        assertThat(SafeText.isPrintable(0x1F600)).isTrue();
        assertThat(SafeText.isPrintable('\t')).isFalse();
        assertThat(SafeText.isPrintable(0x1b)).isFalse();
        assertThat(SafeText.isPrintable(0x202E)).isFalse();
        assertThat(SafeText.isPrintable(0x3000)).isFalse();
        assertThat(SafeText.isPrintable(0xD800)).isFalse();
        assertThat(SafeText.isPrintable(0x10FFFF)).isFalse();
    }
}
