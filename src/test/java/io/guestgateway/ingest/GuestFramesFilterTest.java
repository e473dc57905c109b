package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 3: only type=message + direction=inbound go on; the rest are skipped under a bounded label. */
class GuestFramesFilterTest {

    final GuestFrames frames = new GuestFrames();

    @Test
    void inboundMessageGoesOn() {
        assertThat(frames.isInboundGuestMessage(frames.parse("{\"type\":\"message\",\"direction\":\"inbound\"}"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":\"message\"}", "{\"type\":\"message\",\"direction\":\"outbound\"}",
            "{\"type\":\"Message\",\"direction\":\"inbound\"}", "{\"type\":\"message\",\"direction\":\"Inbound\"}",
            "{\"type\":\"message \",\"direction\":\"inbound\"}", "{\"type\":\"message\",\"direction\":\" inbound\"}",
            "{\"type\":[\"message\"],\"direction\":\"inbound\"}", "{\"type\":\"message\",\"direction\":[\"inbound\"]}",
            "{\"type\":\"message\",\"direction\":{\"v\":\"inbound\"}}", "{\"type\":null,\"direction\":\"inbound\"}",
            "{\"type\":\"typing\",\"direction\":\"inbound\"}", "{\"direction\":\"inbound\"}",
            "{\"type\":\"auth\",\"status\":\"ok\"}"})
    void everythingElseIsSkipped(String frame) {
        assertThat(frames.isInboundGuestMessage(frames.parse(frame))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"message","direction":"outbound"}   | message-outbound
            {"type":"message","direction":"inbound"}    | message-inbound
            {"type":"message"}                          | message-other
            {"type":"message","direction":"sideways"}   | message-other
            {"type":"message","direction":7}            | message-other
            {"type":"typing"}                           | typing
            {"type":"ack","id":"m-1"}                   | ack
            {"type":"auth","status":"ok"}               | auth
            {"type":"system","text":"agent joined"}     | system
            {"type":"notice"}                           | notice
            {"type":"TYPING"}                           | other
            {"type":"presence"}                         | other
            {"type":42}                                 | other
            {"type":{"x":1}}                            | other
            {"type":null}                               | other
            {}                                          | other
            """)
    void skipKind(String frame, String label) {
        assertThat(frames.skipKind(frames.parse(frame))).isEqualTo(label);
    }

    @Test
    void skipLabelsStayBoundedWhateverTheTypes() {
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            labels.add(frames.skipKind(frames.parse("{\"type\":\"t" + i + "\",\"direction\":\"d" + i + "\"}")));
            labels.add(frames.skipKind(frames.parse("{\"type\":\"message\",\"direction\":\"d" + i + "\"}")));
        }
        assertThat(labels).containsExactlyInAnyOrder("other", "message-other");
        assertThat(frames.skipKind(null)).isEqualTo("other");
    }
}
