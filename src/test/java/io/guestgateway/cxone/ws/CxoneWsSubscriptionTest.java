package io.guestgateway.cxone.ws;

import static io.guestgateway.support.GatewayRun.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.cxone.CxoneTokenProvider;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.support.RunsAlone;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cxone-ws consumer in a plain Camel context (found by its scheme, configured by URI
 * parameters) against the CXone sandbox on a free loopback port.
 */
@RunsAlone // a 300 ms handshake timeout must hold, and reconnects must come within 1-2 s
class CxoneWsSubscriptionTest {

    /** Short delays so the class stays fast; a test overrides single options with "&name=value". */
    private static final Map<String, String> FAST = Map.of("reconnectInitialDelay", "20ms",
            "reconnectMaxDelay", "200ms", "heartbeatInterval", "1s", "connectTimeout", "2s");

    private CxoneSandbox sandbox;
    private CamelContext camel;
    private CxoneTokenProvider tokens;
    private final Set<String> routeThreads = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void startSandbox(int port) {
        sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(port).withAuthTimeout(Duration.ofSeconds(1)));
    }

    /** A route from cxone-ws to mock:frames; {@code extra} adds or overrides URI parameters. */
    private void startRoute(int port, String extra) throws Exception {
        tokens = CxoneTokenProvider.builder(URI.create("http://127.0.0.1:" + port), "sandbox-client", "sandbox-secret")
                .failureBackoff(Duration.ofSeconds(60), Duration.ofMillis(10))
                .build();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("cxoneTokens", tokens);
        Map<String, String> options = new LinkedHashMap<>(FAST);
        for (String option : extra.split("&")) {
            if (!option.isEmpty()) {
                options.put(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
            }
        }
        StringBuilder uri = new StringBuilder("cxone-ws:guest-frames?wsUrl=RAW(ws://127.0.0.1:" + port
                + "/webchat/v1/ws)&accessTokens=#bean:cxoneTokens");
        options.forEach((name, value) -> uri.append('&').append(name).append('=').append(value));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri.toString()).routeId("ingest-test")
                        .process(e -> routeThreads.add(Thread.currentThread().getName()))
                        .to("mock:frames");
            }
        });
        camel.start();
    }

    private SubscriptionStatus status() {
        return camel.getComponent("cxone-ws", CxoneWsComponent.class).getSubscriptionStatus();
    }

    private void awaitAuthenticated() {
        await().atMost(Duration.ofSeconds(10)).until(() -> status().state() == SubscriptionStatus.State.AUTHENTICATED
                && sandbox.state().wsAuthenticated() == 1);
    }

    /** Authenticated again after exactly {@code reconnects} reconnects (not the link that was just closed). */
    private void awaitReconnected(long reconnects) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status().reconnects() == reconnects
                && status().state() == SubscriptionStatus.State.AUTHENTICATED && sandbox.state().wsAuthenticated() == 1);
    }

    private void startBoth(String extra) throws Exception {
        startSandbox(0);
        startRoute(sandbox.port(), extra);
        awaitAuthenticated();
    }

    @Test
    void authenticatesOnConnectAndAgainAfterAForcedClose() throws Exception {
        startBoth("");
        assertThat(sandbox.state().wsConnections()).isEqualTo(1);
        assertThat(status().reconnects()).isZero();

        sandbox.closeAllWebSockets(1001);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().reconnects() == 1
                && status().state() == SubscriptionStatus.State.AUTHENTICATED && sandbox.state().wsAuthenticated() == 1);
        assertThat(sandbox.state().wsConnections()).isEqualTo(1);
        assertThat(sandbox.state().wsAuthRejected()).isZero();  // the auth frame came first, at once, both times
        assertThat(sandbox.state().tokensIssued()).isEqualTo(1);  // the cached token was still good
        assertThat(status().snapshot().lastCloseCode()).isEqualTo(1001);
    }

    @Test
    void anAuthenticatedLinkOutlivesTheHandshakeTimeout() throws Exception {
        startBoth("&connectTimeout=300ms");
        // regression: Vert.x 4.5 could leave the handshake timer armed on a fresh instance
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2))
                .until(() -> status().reconnects() == 0 && status().state() == SubscriptionStatus.State.AUTHENTICATED);
        assertThat(sandbox.state().wsConnections()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenCloseLeadsToAFreshToken() throws Exception {
        startBoth("");
        sandbox.expireAllTokens();
        sandbox.closeAllWebSockets(1001);

        // reconnect with the cached (now expired) token -> 4401 -> invalidate -> new token -> in
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.state().tokensIssued() == 2
                && sandbox.state().wsAuthenticated() == 1 && status().state() == SubscriptionStatus.State.AUTHENTICATED);
        assertThat(sandbox.state().wsAuthRejected()).isEqualTo(1);
        assertThat(status().snapshot().lastCloseCode()).isEqualTo(4401);
        assertThat(status().snapshot().lastCloseReason()).isEqualTo("token expired");
        assertThat(status().reconnects()).isEqualTo(2);
    }

    @Test
    void neverTwoConnectionsAtOnceThroughManyForcedCloses() throws Exception {
        startBoth("");
        AtomicInteger maxOpen = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newScheduledThreadPool(1);
        try {
            sampler.scheduleAtFixedRate(() -> maxOpen.accumulateAndGet(sandbox.state().wsConnections(), Math::max),
                    0, 1, TimeUnit.MILLISECONDS);
            for (int i = 1; i <= 20; i++) {  // closes of an authenticated link
                sandbox.closeAllWebSockets(1001);
                awaitReconnected(i);
            }

            CountDownLatch burst = new CountDownLatch(20);  // closes in every phase: backing off, connecting, open
            sampler.scheduleAtFixedRate(() -> {
                if (burst.getCount() > 0) {
                    sandbox.closeAllWebSockets(1001);
                    burst.countDown();
                }
            }, 0, 7, TimeUnit.MILLISECONDS);
            assertThat(burst.await(10, TimeUnit.SECONDS)).isTrue();
            // settled: one authenticated link for longer than the longest reconnect wait
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
                    .until(() -> status().state() == SubscriptionStatus.State.AUTHENTICATED
                            && sandbox.state().wsAuthenticated() == 1 && sandbox.state().wsConnections() == 1);
        } finally {
            sampler.shutdownNow();
        }
        assertThat(sampler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(maxOpen.get()).isEqualTo(1);
        assertThat(sandbox.state().wsConnections()).isEqualTo(1);
        assertThat(sandbox.state().wsAuthRejected()).isZero();
        assertThat(status().reconnects()).isGreaterThan(20);
    }

    @Test
    void backoffGrowsWhileLinksDieYoungAndStartsOverAfterAStableLink() throws Exception {
        startBoth("");  // 20 ms first wait, 200 ms cap; stable = authenticated for 200 ms
        for (int i = 1; i <= 4; i++) {
            sandbox.closeAllWebSockets(1001);
            awaitReconnected(i);
        }
        // the fourth wait in a row has a ceiling of min(200, 20 * 2^3) = 160 ms: at least 80 ms
        assertThat(status().snapshot().lastBackoff().toMillis()).isBetween(80L, 160L);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> status().state() == SubscriptionStatus.State.AUTHENTICATED);
        sandbox.closeAllWebSockets(1001);
        awaitReconnected(5);
        assertThat(status().snapshot().lastBackoff().toMillis()).isBetween(10L, 20L);
    }

    @Test
    void noReconnectAfterTheRouteStops() throws Exception {
        startBoth("");
        camel.getRouteController().stopRoute("ingest-test");

        assertThat(status().state()).isEqualTo(SubscriptionStatus.State.STOPPED);
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.state().wsConnections() == 0);
        long reconnects = status().reconnects();
        sandbox.closeAllWebSockets(1001);
        // ten times the first reconnect delay: a loop that kept running would have come back by now
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> sandbox.state().wsConnections() == 0 && status().reconnects() == reconnects);
        assertThat(camel.getRouteController().getRouteStatus("ingest-test")).isEqualTo(ServiceStatus.Stopped);

        camel.getRouteController().startRoute("ingest-test");  // and a restart subscribes again
        awaitAuthenticated();
    }

    @Test
    void eachTextFrameBecomesAnExchangeOnAWorkerThread() throws Exception {
        startBoth("");
        MockEndpoint frames = camel.getEndpoint("mock:frames", MockEndpoint.class);
        List<String> sent = List.of(GuestClient.message("c-1", "hello"), GuestClient.message("c-2", "order?"),
                "not json at all");
        frames.expectedBodiesReceivedInAnyOrder(sent);
        long before = System.currentTimeMillis();

        try (GuestClient guest = GuestClient.authenticated(sandbox.wsUrl(), tokens.token())) {
            sent.forEach(guest::send);
            frames.assertIsSatisfied(5_000);
        }
        long after = System.currentTimeMillis();

        for (Exchange exchange : frames.getExchanges()) {
            assertThat(exchange.getMessage().getHeader(CxoneWsConsumer.RECEIVED_AT, Long.class)).isBetween(before, after);
        }
        assertThat(status().frames()).isEqualTo(3);  // the auth answer is not a frame for the route
        assertThat(routeThreads).isNotEmpty().noneMatch(name -> name.contains("eventloop"));
    }

    @Test
    void aConversationWaitsForItsEarlierFrameWhileOtherConversationsGoOn() throws Exception {
        startBoth("");  // four workers, the default
        String slow = "c-slow";
        String other = otherLaneThan(slow);
        MockEndpoint frames = camel.getEndpoint("mock:frames", MockEndpoint.class);
        CountDownLatch otherScreened = new CountDownLatch(1);
        // the slow conversation's first frame is held until a frame of another conversation got through
        frames.whenAnyExchangeReceived(e -> {
            String body = e.getMessage().getBody(String.class);
            if (body.contains("\"" + other + "\"")) {
                otherScreened.countDown();
            } else if (body.contains("\"first\"")) {
                otherScreened.await(5, TimeUnit.SECONDS);
            }
        });
        frames.expectedMessageCount(5);

        try (GuestClient guest = GuestClient.authenticated(sandbox.wsUrl(), tokens.token())) {
            guest.send(GuestClient.message(slow, "first"));
            guest.send(GuestClient.message(slow, "second"));
            guest.send(GuestClient.message(slow, "third"));
            guest.send(GuestClient.message(other, "meanwhile"));
            guest.send(GuestClient.message(other, "and then"));
            frames.assertIsSatisfied(10_000);
        }
        assertThat(otherScreened.getCount()).as("the other conversation went on while the first frame was held").isZero();
        assertThat(frames.getExchanges().stream().map(e -> e.getMessage().getBody(String.class))
                .filter(body -> body.contains("\"" + slow + "\"")).toList())
                .containsExactly(GuestClient.message(slow, "first"), GuestClient.message(slow, "second"),
                        GuestClient.message(slow, "third"));
        assertThat(frames.getExchanges().stream().map(e -> e.getMessage().getBody(String.class))
                .filter(body -> body.contains("\"" + other + "\"")).toList())
                .containsExactly(GuestClient.message(other, "meanwhile"), GuestClient.message(other, "and then"));
    }

    /** A conversation id whose frames go to another of the four lanes than {@code id}'s. */
    private static String otherLaneThan(String id) {
        int lane = ConversationKey.hash(GuestClient.message(id, "x")) % 4;
        for (int i = 0; ; i++) {
            String candidate = "c-other-" + i;
            if (ConversationKey.hash(GuestClient.message(candidate, "x")) % 4 != lane) {
                return candidate;
            }
        }
    }

    @Test
    void aFrameOverTheLimitCostsAReconnectNotTheRoute() throws Exception {
        startBoth("&maxFrameSize=4096");
        MockEndpoint frames = camel.getEndpoint("mock:frames", MockEndpoint.class);
        frames.expectedBodiesReceived(GuestClient.message("c-small", "fits"));

        try (GuestClient guest = GuestClient.authenticated(sandbox.wsUrl(), tokens.token())) {
            guest.send(GuestClient.message("c-huge", "x".repeat(10_000)));
            await().atMost(Duration.ofSeconds(5)).until(() -> status().reconnects() == 1
                    && status().state() == SubscriptionStatus.State.AUTHENTICATED);
            await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.state().wsAuthenticated() == 2);
            guest.send(GuestClient.message("c-small", "fits"));
            frames.assertIsSatisfied(5_000);
        }
        assertThat(camel.getRouteController().getRouteStatus("ingest-test")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aBusyRoutePausesTheSocketInsteadOfQueueingWithoutBound() throws Exception {
        startBoth("&maxPending=5&concurrentConsumers=1");
        CxoneWsConsumer consumer = (CxoneWsConsumer) camel.getRoute("ingest-test").getConsumer();
        CountDownLatch routeBlocked = new CountDownLatch(1);
        AtomicInteger maxPending = new AtomicInteger();
        MockEndpoint frames = camel.getEndpoint("mock:frames", MockEndpoint.class);
        frames.whenAnyExchangeReceived(e -> {
            maxPending.accumulateAndGet(consumer.pendingFrames(), Math::max);
            routeBlocked.await(10, TimeUnit.SECONDS);
        });
        frames.expectedMessageCount(30);

        try (GuestClient guest = GuestClient.authenticated(sandbox.wsUrl(), tokens.token())) {
            for (int i = 0; i < 30; i++) {
                guest.send(GuestClient.message("c-" + i, "m" + i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> consumer.inputPaused() && consumer.pendingFrames() == 5);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> status().frames() == 5);
            routeBlocked.countDown();
            frames.assertIsSatisfied(10_000);
        }
        assertThat(maxPending.get()).isLessThanOrEqualTo(5);
        assertThat(consumer.inputPaused()).isFalse();
        // one worker: frames reach the route in the order CXone sent them
        assertThat(frames.getExchanges().stream().map(e -> e.getMessage().getBody(String.class)).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30)
                        .mapToObj(i -> GuestClient.message("c-" + i, "m" + i)).toList());
    }

    @Test
    void startsWhileCxoneIsDownBacksOffAndConnectsWhenItComesUp() throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        startRoute(port, "&reconnectInitialDelay=50ms&reconnectMaxDelay=400ms");
        assertThat(camel.getRouteController().getRouteStatus("ingest-test")).isEqualTo(ServiceStatus.Started);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().reconnects() >= 4);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        // four waits of at least 25, 50, 100 and 200 ms (half of 50, 100, 200, 400): growth, not a hammer;
        // at most 50 + 100 + 200 + 400 ms plus generous slack for a loaded machine
        assertThat(elapsedMs).isGreaterThanOrEqualTo(375).isLessThan(3_000);
        assertThat(status().state()).isIn(SubscriptionStatus.State.BACKING_OFF, SubscriptionStatus.State.CONNECTING);

        startSandbox(port);
        awaitAuthenticated();
        assertThat(sandbox.state().wsConnections()).isEqualTo(1);
    }
}
