package io.guestgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Same seed, same frames; exact counts by kind; ids never repeat. */
class FrameSourceTest {

    static final SimulatorOptions OPTIONS = SimulatorOptions.defaults().withSeed(11).withTraffic(25, 4)
            .withBots(3, 20).withExtras(0.1, 0.05).withConnections(3);

    static List<FrameSource.Frame> all(SimulatorOptions options) {
        List<FrameSource.Frame> frames = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            FrameSource source = new FrameSource(options, c, () -> 1764412345127L);
            while (source.hasNext()) {
                frames.add(source.next());
            }
        }
        return frames;
    }

    @Test
    void sameSeedGivesTheSameFramesAndAnotherSeedOthers() {
        assertThat(all(OPTIONS)).isEqualTo(all(OPTIONS));
        assertThat(all(OPTIONS.withSeed(12))).isNotEqualTo(all(OPTIONS));
    }

    @Test
    void countsByKindAreExact() {
        Map<SimulatedFrameKind, Integer> counts = new EnumMap<>(SimulatedFrameKind.class);
        all(OPTIONS).forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        // base 25*4 + 3*20 = 160; malformed 16, outbound 8
        assertThat(counts).isEqualTo(Map.of(SimulatedFrameKind.GUEST, 100, SimulatedFrameKind.BOT, 60, SimulatedFrameKind.MALFORMED, 16,
                SimulatedFrameKind.OUTBOUND, 8));
        assertThat(OPTIONS.totalFrames()).isEqualTo(184);
    }

    @Test
    void guestsKeepOneConversationAndFingerprintAndBotsOneFingerprintForMany() {
        Map<String, Set<String>> conversationsByFingerprint = new java.util.HashMap<>();
        Set<String> messageIds = new HashSet<>();
        for (FrameSource.Frame frame : all(OPTIONS)) {
            var json = ContractFrames.parse(frame.json());
            if (json != null && json.getString("messageId") != null) {
                assertThat(messageIds.add(json.getString("messageId"))).as("messageId unique").isTrue();
            }
            if (frame.kind() == SimulatedFrameKind.GUEST || frame.kind() == SimulatedFrameKind.BOT) {
                assertThat(ContractFrames.validInbound(frame.json())).isTrue();
                conversationsByFingerprint.computeIfAbsent(ContractFrames.fingerprint(json), k -> new HashSet<>())
                        .add(json.getString("conversationId"));
            }
            if (frame.kind() == SimulatedFrameKind.MALFORMED) {
                assertThat(ContractFrames.validInbound(frame.json())).isFalse();
            }
        }
        assertThat(conversationsByFingerprint).hasSize(28);
        assertThat(conversationsByFingerprint.values().stream().filter(s -> s.size() == 1).count()).isEqualTo(25);
        assertThat(conversationsByFingerprint.values().stream().filter(s -> s.size() == 20).count()).isEqualTo(3);
    }

    @Test
    void aGuestStaysOnOneConnection() {
        SimulatorOptions options = OPTIONS.withExtras(0, 0).withBots(0, 0);
        Map<String, Integer> connectionOf = new java.util.HashMap<>();
        for (int c = 0; c < options.connections(); c++) {
            FrameSource source = new FrameSource(options, c, () -> 0L);
            while (source.hasNext()) {
                String conversation = ContractFrames.parse(source.next().json()).getString("conversationId");
                assertThat(connectionOf.putIfAbsent(conversation, c)).isIn(null, c);
            }
        }
        assertThat(connectionOf).hasSize(25);
    }
}
