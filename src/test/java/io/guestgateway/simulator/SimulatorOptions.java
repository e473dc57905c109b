package io.guestgateway.simulator;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the simulator sends and where. Defaults aim at the embedded sandbox on 127.0.0.1:8089.
 *
 * @param guests           guests, each with its own conversation and fingerprint
 * @param messagesPerGuest messages each guest sends
 * @param rate             frames per second over all connections; 0 = as fast as the socket takes them
 * @param connections      WebSocket connections the frames are spread over (a guest stays on one)
 * @param bots             flooding bots
 * @param botMessages      messages each bot sends, all with its one fingerprint
 * @param malformed        extra broken frames, as a share of the guest and bot frames (0..1)
 * @param outbound         extra agent replies, as a share of the guest and bot frames (0..1)
 * @param seed             same seed and options, same frames (apart from the send-time timestamp)
 * @param queues           queue ids guests choose from
 * @param apiBase          where the token endpoint is
 * @param wsUrl            the Web Messaging WebSocket
 * @param clientId         OAuth client id
 * @param clientSecret     OAuth client secret (never printed)
 * @param timeout          bound on getting a token, connecting and authenticating
 */
public record SimulatorOptions(
        int guests,
        int messagesPerGuest,
        double rate,
        int connections,
        int bots,
        int botMessages,
        double malformed,
        double outbound,
        long seed,
        List<String> queues,
        URI apiBase,
        URI wsUrl,
        String clientId,
        String clientSecret,
        Duration timeout) {

    public SimulatorOptions {
        atLeast("--guests", guests, 0);
        atLeast("--messages-per-guest", messagesPerGuest, 0);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new UsageException("--rate must be 0 (as fast as possible) or a positive number");
        }
        atLeast("--connections", connections, 1);
        if (connections > 1000) {
            throw new UsageException("--connections must be at most 1000");
        }
        atLeast("--bots", bots, 0);
        atLeast("--bot-messages", botMessages, 0);
        share("--malformed", malformed);
        share("--outbound", outbound);
        queues = List.copyOf(queues);
        if (queues.isEmpty() || queues.stream().anyMatch(String::isBlank)) {
            throw new UsageException("--queues must list at least one non-blank queue id");
        }
        scheme("--api-base", apiBase, "http", "https");
        scheme("--ws-url", wsUrl, "ws", "wss");
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new UsageException("--client-id and --client-secret must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new UsageException("--timeout must be positive");
        }
    }

    /** The defaults; the seed is random (the report shows it, so a run can be repeated). */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(10, 3, 0, 4, 0, 100, 0, 0, new SecureRandom().nextLong() >>> 16,
                List.of("general-support", "billing", "sales"), URI.create("http://127.0.0.1:8089"),
                URI.create("ws://127.0.0.1:8089/webchat/v1/ws"), "sandbox-client", "sandbox-secret",
                Duration.ofSeconds(10));
    }

    /** Reads {@code --name value} or {@code --name=value} options over the defaults. */
    public static SimulatorOptions parse(String... args) {
        return SimulatorArgs.parse(defaults(), Arrays.asList(args));
    }

    /** Guest and bot frames: what the extra shares are taken of. */
    public long baseFrames() {
        return (long) guests * messagesPerGuest + (long) bots * botMessages;
    }

    public long malformedFrames() {
        return Math.round(malformed * baseFrames());
    }

    /** Agent replies need a guest conversation to reply in: none without guests. */
    public long outboundFrames() {
        return guests == 0 ? 0 : Math.round(outbound * baseFrames());
    }

    public long totalFrames() {
        return baseFrames() + malformedFrames() + outboundFrames();
    }

    public SimulatorOptions withTraffic(int guestCount, int perGuest) {
        return new SimulatorOptions(guestCount, perGuest, rate, connections, bots, botMessages, malformed, outbound,
                seed, queues, apiBase, wsUrl, clientId, clientSecret, timeout);
    }

    public SimulatorOptions withBots(int botCount, int perBot) {
        return new SimulatorOptions(guests, messagesPerGuest, rate, connections, botCount, perBot, malformed,
                outbound, seed, queues, apiBase, wsUrl, clientId, clientSecret, timeout);
    }

    public SimulatorOptions withExtras(double malformedShare, double outboundShare) {
        return new SimulatorOptions(guests, messagesPerGuest, rate, connections, bots, botMessages, malformedShare,
                outboundShare, seed, queues, apiBase, wsUrl, clientId, clientSecret, timeout);
    }

    public SimulatorOptions withRate(double framesPerSecond) {
        return new SimulatorOptions(guests, messagesPerGuest, framesPerSecond, connections, bots, botMessages,
                malformed, outbound, seed, queues, apiBase, wsUrl, clientId, clientSecret, timeout);
    }

    public SimulatorOptions withConnections(int count) {
        return new SimulatorOptions(guests, messagesPerGuest, rate, count, bots, botMessages, malformed, outbound,
                seed, queues, apiBase, wsUrl, clientId, clientSecret, timeout);
    }

    public SimulatorOptions withSeed(long s) {
        return new SimulatorOptions(guests, messagesPerGuest, rate, connections, bots, botMessages, malformed,
                outbound, s, queues, apiBase, wsUrl, clientId, clientSecret, timeout);
    }

    public SimulatorOptions withQueues(List<String> ids) {
        return new SimulatorOptions(guests, messagesPerGuest, rate, connections, bots, botMessages, malformed,
                outbound, seed, ids, apiBase, wsUrl, clientId, clientSecret, timeout);
    }

    /** Points at another CXone (or sandbox): token endpoint base, WebSocket URL and credentials. */
    public SimulatorOptions withTarget(URI api, URI ws, String id, String secret) {
        return new SimulatorOptions(guests, messagesPerGuest, rate, connections, bots, botMessages, malformed,
                outbound, seed, queues, api, ws, id, secret, timeout);
    }

    public SimulatorOptions withTimeout(Duration bound) {
        return new SimulatorOptions(guests, messagesPerGuest, rate, connections, bots, botMessages, malformed,
                outbound, seed, queues, apiBase, wsUrl, clientId, clientSecret, bound);
    }

    @Override
    public String toString() {
        return "SimulatorOptions[guests=" + guests + ", messagesPerGuest=" + messagesPerGuest + ", rate=" + rate
                + ", connections=" + connections + ", bots=" + bots + ", botMessages=" + botMessages
                + ", malformed=" + malformed + ", outbound=" + outbound + ", seed=" + seed + ", queues=" + queues
                + ", apiBase=" + apiBase + ", wsUrl=" + wsUrl + ", clientId=" + clientId
                + ", clientSecret=******, timeout=" + timeout + "]";
    }

    private static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new UsageException(option + " must be at least " + min);
        }
    }

    private static void share(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new UsageException(option + " must be a share between 0 and 1");
        }
    }

    private static void scheme(String option, URI uri, String... schemes) {
        Objects.requireNonNull(uri, option);
        if (uri.getScheme() == null || uri.getHost() == null
                || Arrays.stream(schemes).noneMatch(s -> s.equalsIgnoreCase(uri.getScheme()))) {
            throw new UsageException(option + " must be an absolute " + String.join(" or ", schemes) + " URL");
        }
    }
}
