package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.GatewayApplication;
import io.guestgateway.deadletter.DeadLetter;
import io.guestgateway.deadletter.DeadLetterStore;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.handoff.DurableHandOff;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.sandbox.SandboxSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The two camel-http calls of the routes over https, as configured: the Task Routing call
 * (route-conversation, {@code cxone.ssl-bundle}) and the CRM POST (sync-crm, {@code crm.ssl-bundle}). The
 * real sandbox answers behind a {@link TlsFront} on 127.0.0.1 whose certificate each test picks:
 * one from the test CA for {@code localhost} (the one bundle holds that CA), a self-signed one,
 * or one from the test CA for another host. The token call goes through the same front.
 */
@CamelSpringBootTest
@SpringBootTest(classes = GatewayApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RoutesOverHttpsTest {

    private static final TestPki PKI = TestPki.get();
    private static final CxoneSandbox SANDBOX = CxoneSandbox.start(SandboxSettings.defaults());
    private static final TlsFront FRONT = front();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        String https = FRONT.base("localhost");
        registry.add("cxone.sandbox.enabled", () -> "false");
        registry.add("cxone.api-base", () -> https);
        registry.add("cxone.ws-url", SANDBOX::wsUrl);   // no ingest route here: never opened
        registry.add("cxone.client-id", () -> SANDBOX.settings().clientId());
        registry.add("cxone.client-secret", () -> SANDBOX.settings().clientSecret());
        registry.add("spring.ssl.bundle.jks.test-ca.truststore.location", () -> PKI.caTrustStore.toUri().toString());
        registry.add("spring.ssl.bundle.jks.test-ca.truststore.password", () -> TestPki.TRUST_PASSWORD);
        registry.add("cxone.ssl-bundle", () -> "test-ca");
        registry.add("crm.url", () -> https + URI.create(SANDBOX.crmUrl()).getPath());
        registry.add("crm.ssl-bundle", () -> "test-ca");
        registry.add("gateway.admin.password", () -> "https-test-admin");
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("camel.main.routes-include-pattern", () -> "file:routes/route-conversation.yaml,"
                + "file:routes/routing-errors.yaml,file:routes/sync-crm.yaml");
        // routing: plenty of quick retries, so a refused conversation is still waiting when the
        // certificate is put right; a breaker opened by the refusals closes again within a second
        registry.add("routing.consumers", () -> "2");
        registry.add("routing.max-retries", () -> "100");
        registry.add("routing.initial-delay", () -> "100ms");
        registry.add("routing.max-delay", () -> "300ms");
        registry.add("routing.circuit-breaker.wait-in-open", () -> "1s");
        registry.add("routing.circuit-breaker.max-wait-in-open", () -> "1s");
        // CRM: one record per batch, two quick retries (the first may only meet a connection the
        // front closed when its certificate changed), then the dead letter
        registry.add("crm.batch-size", () -> "1");
        registry.add("crm.flush-interval", () -> "1h");
        registry.add("crm.max-retries", () -> "2");
        registry.add("crm.initial-delay", () -> "100ms");
        registry.add("crm.max-delay", () -> "100ms");
        registry.add("crm.http-timeout", () -> "5s");
    }

    @AfterAll
    static void stopServers() throws Exception {
        FRONT.close();
        SANDBOX.close();
    }

    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    DeadLetterStore deadLetters;

    @BeforeEach
    void trustedCertificate() throws Exception {
        FRONT.present(PKI.localhostKeyStore);
    }

    @Test
    void aRoutingCallOverHttpsSucceedsWithTheTestCaInTheTrustStore() {
        route("c-https-ok");

        await().atMost(PATIENCE).until(() -> routed("c-https-ok"));
        assertThat(routingCalls("c-https-ok")).extracting(RecordedCall::status).containsExactly(201);
    }

    @Test
    void anUntrustedCertificateRefusesTheRoutingCallAndTheConversationWaitsForTheFix(CapturedOutput output)
            throws Exception {
        FRONT.present(PKI.untrustedLocalhostKeyStore);
        route("c-https-untrusted");

        await().atMost(PATIENCE).until(() -> output.getAll().contains("Task Routing call for conversation "
                + "c-https-untrusted failed: TLS handshake failed: the server's certificate is not trusted "
                + "(check cxone.ssl-bundle)"));
        assertThat(routingCalls("c-https-untrusted")).isEmpty();   // refused before a byte of it left

        FRONT.present(PKI.localhostKeyStore);

        await().atMost(PATIENCE).until(() -> routed("c-https-untrusted"));
        assertThat(routingCalls("c-https-untrusted")).extracting(RecordedCall::status).containsExactly(201);
        assertThat(deadLetters("guest.routing.dlq")).noneMatch(letter -> "c-https-untrusted".equals(letter.key()));
    }

    @Test
    void aCertificateForAnotherHostIsRefusedForTheRoutingCallThoughItsCaIsTrusted(CapturedOutput output)
            throws Exception {
        FRONT.present(PKI.otherHostKeyStore);
        route("c-https-other-host");

        await().atMost(PATIENCE).until(() -> output.getAll().contains("Task Routing call for conversation "
                + "c-https-other-host failed: TLS handshake failed: the server's certificate is not valid for the "
                + "host name called"));
        assertThat(routingCalls("c-https-other-host")).isEmpty();

        FRONT.present(PKI.localhostKeyStore);

        await().atMost(PATIENCE).until(() -> routed("c-https-other-host"));
        assertThat(routingCalls("c-https-other-host")).extracting(RecordedCall::status).containsExactly(201);
    }

    @Test
    void aCrmPostOverHttpsSucceedsWithTheTestCaInTheTrustStore() {
        syncToCrm("s-https-ok");

        await().atMost(PATIENCE).until(() -> crmCalls("s-https-ok").stream().anyMatch(c -> c.status() / 100 == 2));
        assertThat(crmCalls("s-https-ok")).hasSize(1);
    }

    @Test
    void anUntrustedCrmCertificateDeadLettersTheBatchWithATlsReasonAndItCanBeReplayed() throws Exception {
        FRONT.present(PKI.untrustedLocalhostKeyStore);
        syncToCrm("s-https-untrusted");

        DeadLetter letter = awaitCrmDeadLetter("s-https-untrusted");
        assertThat(letter.reason()).isEqualTo("TLS error calling the CRM: the server's certificate is not trusted "
                + "(check crm.ssl-bundle)");
        assertThat(letter.attempts()).isEqualTo(3);   // the call and crm.max-retries = 2
        assertThat(letter.lastStatus()).isZero();
        assertThat(crmCalls("s-https-untrusted")).isEmpty();

        FRONT.present(PKI.localhostKeyStore);
        assertThat(deadLetters.replay("guest.crm.dlq", letter.id())).isPresent();

        await().atMost(PATIENCE).until(() -> crmCalls("s-https-untrusted").stream().anyMatch(c -> c.status() / 100 == 2));
    }

    @Test
    void aCrmCertificateForAnotherHostIsRefusedThoughItsCaIsTrusted() throws Exception {
        FRONT.present(PKI.otherHostKeyStore);
        syncToCrm("s-https-other-host");

        DeadLetter letter = awaitCrmDeadLetter("s-https-other-host");
        assertThat(letter.reason()).isEqualTo("TLS error calling the CRM: the server's certificate is not valid for "
                + "the host name called");
        assertThat(crmCalls("s-https-other-host")).isEmpty();

        FRONT.present(PKI.localhostKeyStore);
        assertThat(deadLetters.replay("guest.crm.dlq", letter.id())).isPresent();
        await().atMost(PATIENCE).until(() -> crmCalls("s-https-other-host").stream().anyMatch(c -> c.status() / 100 == 2));
    }

    private static TlsFront front() {
        try {
            return new TlsFront(PKI.localhostKeyStore, SANDBOX.port());
        } catch (Exception e) {
            throw new IllegalStateException("could not start the TLS front", e);
        }
    }

    private void route(String conversationId) {
        new DurableHandOff(connectionFactory, objectMapper).sendAll(List.of(guest(conversationId)), "guest.routing");
    }

    private void syncToCrm(String sessionId) {
        new DurableHandOff(connectionFactory, objectMapper).sendAll(List.of(guest(sessionId)), "guest.crm");
    }

    private static GuestMessage guest(String sessionId) {
        return new GuestMessage(sessionId, "fp-3b9d2c71a0", "hello over https", "general-support", 1764412345.127,
                null, System.currentTimeMillis());
    }

    private static boolean routed(String conversationId) {
        return routingCalls(conversationId).stream().anyMatch(call -> call.status() == 201);
    }

    private static List<RecordedCall> routingCalls(String conversationId) {
        return SANDBOX.routingCalls().stream()
                .filter(call -> conversationId.equals(call.header("Idempotency-Key"))).toList();
    }

    private static List<RecordedCall> crmCalls(String sessionId) {
        return SANDBOX.crmCalls().stream().filter(call -> call.body().contains("\"" + sessionId + "\"")).toList();
    }

    /** The dead letter holding {@code sessionId}'s record (a CRM dead letter's key is its batch id). */
    private DeadLetter awaitCrmDeadLetter(String sessionId) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        Callable<String> messageId = () -> jms.browse("guest.crm.dlq", (session, browser) -> {
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                TextMessage message = (TextMessage) e.nextElement();
                if (message.getText().contains("\"" + sessionId + "\"")) {
                    return message.getJMSMessageID();
                }
            }
            return null;
        });
        String id = await().atMost(PATIENCE).until(messageId, Objects::nonNull).substring("ID:".length());
        return deadLetters("guest.crm.dlq").stream().filter(letter -> id.equals(letter.id())).findFirst().orElseThrow();
    }

    private List<DeadLetter> deadLetters(String queue) {
        try {
            return deadLetters.list(queue, 100).deadLetters();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
