package io.guestgateway.simulator;

import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The frames one connection sends, generated as they are needed (a million-frame run needs no
 * million strings in memory). Connection {@code c} of {@code n} owns guests and bots {@code c,
 * c+n, c+2n, ...}, so a guest's messages stay in order on one socket, and its share of the extra
 * frames. The kinds are shuffled with exact counts; ids are a bijective mix of seed and index, so
 * they never repeat within a run and the same seed gives the same ids. Only the timestamp, taken
 * from {@code clock} at send time, differs between two runs.
 */
final class FrameSource {

    /** One frame and what it counts as. */
    record Frame(SimulatedFrameKind kind, String json) {}

    private static final long CONVERSATION_SALT = 0x5851F42D4C957F2DL;
    private static final long FINGERPRINT_SALT = 0x2545F4914F6CDD1DL;
    private static final long MESSAGE_SALT = 0x9E3779B97F4A7C15L;
    private static final long QUEUE_SALT = 0x632BE59BD9B4E019L;

    private final SimulatorOptions options;
    private final int connection;
    private final int connections;
    private final LongSupplier clock;
    private final SplittableRandom random;
    private final BitSet touchedGuests = new BitSet();
    private final long guestsHere;
    private final long botsHere;
    private final long[] total = new long[SimulatedFrameKind.values().length];
    private final long[] done = new long[SimulatedFrameKind.values().length];
    private long sequence;

    FrameSource(SimulatorOptions options, int connection, LongSupplier clock) {
        this.options = options;
        this.connection = connection;
        this.connections = options.connections();
        this.clock = clock;
        this.random = new SplittableRandom(mix(options.seed() * 31 + connection));
        this.guestsHere = owned(options.guests());
        this.botsHere = owned(options.bots());
        total[SimulatedFrameKind.GUEST.ordinal()] = guestsHere * options.messagesPerGuest();
        total[SimulatedFrameKind.BOT.ordinal()] = botsHere * options.botMessages();
        total[SimulatedFrameKind.MALFORMED.ordinal()] = owned(options.malformedFrames());
        total[SimulatedFrameKind.OUTBOUND.ordinal()] = owned(options.outboundFrames());
    }

    /** How many of {@code count} items, dealt round-robin, fall to this connection. */
    private long owned(long count) {
        return count / connections + (connection < count % connections ? 1 : 0);
    }

    long size() {
        long sum = 0;
        for (long t : total) {
            sum += t;
        }
        return sum;
    }

    boolean hasNext() {
        return sequence < size();
    }

    Frame next() {
        SimulatedFrameKind kind = pickKind();
        long k = done[kind.ordinal()]++;
        long frameIndex = sequence++ * connections + connection;
        String messageId = "m-" + hex(MESSAGE_SALT, frameIndex);
        long now = clock.getAsLong();
        String json = switch (kind) {
            case GUEST -> guest(k, messageId, now);
            case BOT -> bot(k, messageId, now);
            case OUTBOUND -> outbound(messageId, now);
            case MALFORMED -> malformed(k, messageId, now);
        };
        return new Frame(kind, json);
    }

    /** Guests that sent or got a frame on this connection (global indexes). */
    BitSet touchedGuests() {
        return touchedGuests;
    }

    private SimulatedFrameKind pickKind() {
        long remaining = size() - sequence;
        long r = random.nextLong(remaining);
        for (SimulatedFrameKind kind : SimulatedFrameKind.values()) {
            long left = total[kind.ordinal()] - done[kind.ordinal()];
            if (r < left) {
                return kind;
            }
            r -= left;
        }
        throw new IllegalStateException("no frame left");
    }

    private String guest(long k, String messageId, long now) {
        long guest = connection + (k % guestsHere) * connections;
        touchedGuests.set((int) guest);
        return SimulatedFrames.inbound(conversation(guest), messageId, pick(Phrases.GUEST), now,
                fingerprint(guest), queueOf(guest));
    }

    private String bot(long k, String messageId, long now) {
        long bot = connection + (k % botsHere) * connections;
        long message = k / botsHere;
        long conversation = options.guests() + bot * options.botMessages() + message;
        return SimulatedFrames.inbound(conversation(conversation), messageId, pick(Phrases.BOT), now,
                fingerprint(options.guests() + bot), queueOf(conversation));
    }

    private String outbound(String messageId, long now) {
        int guest = random.nextInt(options.guests());
        touchedGuests.set(guest);
        return SimulatedFrames.outbound(conversation(guest), messageId, pick(Phrases.AGENT), now,
                "agent-" + (1 + random.nextInt(12)));
    }

    private String malformed(long k, String messageId, long now) {
        // its own conversation and fingerprint: if a gateway let it through, it would show as extra routing
        long index = options.guests() + (long) options.bots() * options.botMessages() + k * connections + connection;
        return SimulatedFrames.malformed(random.nextInt(SimulatedFrames.MALFORMED_VARIANTS), conversation(index), messageId,
                pick(Phrases.GUEST), now, fingerprint(options.guests() + options.bots() + index), queueOf(index));
    }

    private String conversation(long index) {
        return "c-" + hex(CONVERSATION_SALT, index);
    }

    private String fingerprint(long index) {
        return "fp-" + hex(FINGERPRINT_SALT, index);
    }

    private String queueOf(long index) {
        List<String> queues = options.queues();
        return queues.get((int) Long.remainderUnsigned(mix(options.seed() ^ QUEUE_SALT ^ index), queues.size()));
    }

    private String pick(String[] phrases) {
        return phrases[random.nextInt(phrases.length)];
    }

    /** 16 hex digits; for one seed and salt, distinct indexes give distinct strings. */
    private String hex(long salt, long index) {
        long value = mix(mix(options.seed() ^ salt) + index);
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values that scatters neighbours. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
