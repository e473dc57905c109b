package io.guestgateway.cxone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The token provider against a real HTTP token endpoint on loopback, scripted per test. */
@ExtendWith(OutputCaptureExtension.class)
class CxoneTokenProviderTest {

    private static final String SECRET = "s3cr3t-do-not-print";

    private ScriptedTokenServer server;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void startServer() throws IOException {
        server = new ScriptedTokenServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private CxoneTokenProvider.Builder settings() {
        return CxoneTokenProvider.builder(server.apiBase(), "gateway-client", SECRET)
                .httpTimeout(Duration.ofSeconds(2))
                .retries(3, Duration.ofSeconds(3))
                .failureBackoff(Duration.ofSeconds(60), Duration.ofSeconds(2));
    }

    private CxoneTokenProvider provider(CxoneTokenProvider.Builder settings) {
        return settings.clock(clock).build();
    }

    @Test
    void postsTheClientCredentialsFormAndCachesTheToken() {
        CxoneTokenProvider tokens = provider(settings());

        assertThat(tokens.token()).isEqualTo("tok-1");
        for (int i = 0; i < 100; i++) {
            assertThat(tokens.token()).isEqualTo("tok-1");
        }
        assertThat(server.requests()).isEqualTo(1);
        assertThat(server.contentTypes().get(0)).startsWith("application/x-www-form-urlencoded");
        assertThat(server.requestBodies().get(0).split("&")).containsExactlyInAnyOrder(
                "grant_type=client_credentials", "client_id=gateway-client", "client_secret=" + SECRET,
                "scope=webchat%3Aread+routing%3Awrite+conversations%3Aread+users%3Aread");
    }

    @Test
    void refreshesABufferBeforeExpiry() {
        CxoneTokenProvider tokens = provider(settings());  // 3600 s tokens, 300 s buffer
        assertThat(tokens.token()).isEqualTo("tok-1");

        clock.advance(Duration.ofSeconds(3299));
        assertThat(tokens.token()).isEqualTo("tok-1");
        assertThat(server.requests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));  // 3301 s: inside the buffer, not yet expired
        assertThat(tokens.token()).isEqualTo("tok-2");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void shortLivedTokenIsRefreshedHalfWayNotOnEveryCall() {
        server.lifetime(60);  // shorter than the 300 s buffer
        CxoneTokenProvider tokens = provider(settings());

        for (int second = 0; second < 30; second++) {
            assertThat(tokens.token()).isEqualTo("tok-1");
            clock.advance(Duration.ofMillis(990));
        }
        assertThat(server.requests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));  // 30.7 s: past half of its 60 s life
        assertThat(tokens.token()).isEqualTo("tok-2");
        assertThat(tokens.token()).isEqualTo("tok-2");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void twentyConcurrentCallersShareOneTokenRequest() throws Exception {
        CxoneTokenProvider tokens = provider(settings());
        server.hold();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Thread> callers = new ArrayList<>();
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit((Callable<String>) () -> {
                    synchronized (callers) {
                        callers.add(Thread.currentThread());
                    }
                    return tokens.token();
                }));
            }
            // every caller is parked (one in the HTTP call, the rest on the shared refresh)
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                synchronized (callers) {
                    return callers.size() == 20 && callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                            || t.getState() == Thread.State.TIMED_WAITING);
                }
            });
            server.open();
            for (Future<String> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("tok-1");
            }
            assertThat(server.requests()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitsOutA429WithRetryAfterSeconds() {
        server.enqueue(429, Map.of("Retry-After", "1"), "{}");
        CxoneTokenProvider tokens = provider(settings());

        long started = System.nanoTime();
        assertThat(tokens.token()).isEqualTo("tok-1");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMs).isGreaterThanOrEqualTo(1000).isLessThan(3000);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void waitsOutA429WithRetryAfterHttpDate() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        server.enqueue(429, Map.of("Retry-After", inTwoSeconds), "{}");
        CxoneTokenProvider tokens = provider(settings());

        long started = System.nanoTime();
        assertThat(tokens.token()).isEqualTo("tok-1");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        // the date has whole seconds, so "in 2 s" means somewhere in (1 s, 2 s]
        assertThat(elapsedMs).isGreaterThanOrEqualTo(900).isLessThan(3500);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void capsALongRetryAfterAndGivesUpAfterBoundedAttempts() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(429, Map.of("Retry-After", "3600"), "{}");
        }
        CxoneTokenProvider tokens = provider(settings().retries(3, Duration.ofMillis(200)));

        long started = System.nanoTime();
        assertThatThrownBy(tokens::token).isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("429").hasMessageContaining("3 attempts");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(server.requests()).isEqualTo(3);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(400).isLessThan(3000);  // two capped waits of 200 ms
    }

    @Test
    void a401IsFatalNamesTheClientAndIsNotRetriedInAStorm(CapturedOutput output) {
        server.enqueue(401, Map.of(), "{\"error\":\"invalid_client\"}");
        CxoneTokenProvider tokens = provider(settings());

        assertThatThrownBy(tokens::token).isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("gateway-client").hasMessageContaining("401")
                .hasMessageNotContaining(SECRET);
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(tokens::token).isInstanceOf(TokenRejectedException.class);
        }
        assertThat(server.requests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));  // the refusal is remembered for 60 s, then one new try
        assertThat(tokens.token()).isEqualTo("tok-1");
        assertThat(server.requests()).isEqualTo(2);
        assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain("tok-1");
    }

    @Test
    void aGrantWithoutARequiredScopeNamesTheMissingScope() {
        server.grantedScope("webchat:read conversations:read");
        CxoneTokenProvider tokens = provider(settings());

        assertThatThrownBy(tokens::token).isInstanceOfSatisfying(MissingScopeException.class, e -> {
            assertThat(e.missing()).containsExactly("routing:write");
            assertThat(e.getMessage()).contains("routing:write").doesNotContain("webchat:read ")
                    .doesNotContain("tok-1").doesNotContain(SECRET);
        });
        assertThatThrownBy(tokens::verifyAtStartup).isInstanceOf(MissingScopeException.class);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aGrantWithoutAScopeFieldIsAccepted() {
        server.grantedScope(null);
        assertThat(provider(settings()).token()).isEqualTo("tok-1");
    }

    @Test
    void invalidateForcesAFreshTokenButAStaleInvalidateDoesNothing() {
        CxoneTokenProvider tokens = provider(settings());
        assertThat(tokens.token()).isEqualTo("tok-1");

        tokens.invalidate("tok-1");
        assertThat(tokens.token()).isEqualTo("tok-2");
        tokens.invalidate("tok-1");  // an old token refused late: tok-2 stays
        assertThat(tokens.token()).isEqualTo("tok-2");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void verifyAtStartupFailsOnRefusalButOnlyWarnsWhenUnreachable(CapturedOutput output) throws IOException {
        server.enqueue(401, Map.of(), "");
        assertThatThrownBy(provider(settings())::verifyAtStartup).isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("gateway-client");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CxoneTokenProvider unreachable = provider(CxoneTokenProvider.builder(URI.create("http://127.0.0.1:" + closedPort),
                "gateway-client", SECRET).httpTimeout(Duration.ofSeconds(2)));
        unreachable.verifyAtStartup();  // returns: the gateway starts anyway
        assertThat(output.getAll()).contains("starting anyway").doesNotContain(SECRET);
        assertThatThrownBy(unreachable::token).isInstanceOf(TokenUnavailableException.class);
    }

    @Test
    void aStillValidTokenIsServedWhenTheRefreshFails() {
        CxoneTokenProvider tokens = provider(settings());
        assertThat(tokens.token()).isEqualTo("tok-1");
        server.enqueue(503, Map.of(), "");
        clock.advance(Duration.ofSeconds(3400));  // past refreshAt, before expiry

        assertThat(tokens.token()).isEqualTo("tok-1");
        assertThat(tokens.token()).isEqualTo("tok-1");  // within the 2 s quiet period: no second call
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void secretsStayOutOfToString() {
        CxoneTokenProvider tokens = provider(settings());
        tokens.token();
        assertThat(tokens.toString()).doesNotContain(SECRET).doesNotContain("tok-1").contains("gateway-client");
        assertThat(Set.of(tokens.toString())).isNotEmpty();
    }
}
