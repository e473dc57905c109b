package io.guestgateway.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.platform.AcceptedQueues;
import io.guestgateway.support.GatewayRun;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jms.core.JmsTemplate;

/**
 * What crm-post-errors in routes/sync-crm.yaml does with each kind of failed CRM call: which are
 * retried, how often, and what the dead letter says. The CRM call of post-crm-batch is replaced by a
 * stand-in that fails as each test asks (an I/O error or a TLS refusal cannot be asked of the
 * sandbox); the routes, the error handling and guest.crm.dlq are the real ones.
 */
class CrmPostErrorsTest {

    private static final int MAX_RETRIES = 2;
    private static final String BATCH = "[" + CrmSyncTest.record("post-1", 1764412346.127) + ","
            + CrmSyncTest.record("post-2", 1764412347.127) + "]";
    private static final Queue<Exception> ANSWERS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger CALLS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static GatewayRun gateway;
    private static ProducerTemplate producer;
    private static JmsTemplate jms;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayRun.start(dataDir, CrmTestSupport.ROUTES, Map.of(
                "crm.flush-interval", "1h",
                "crm.max-retries", String.valueOf(MAX_RETRIES),
                "crm.initial-delay", "10ms",
                "crm.max-delay", "20ms",
                "crm.max-retry-after", "1s",
                "logging.level.org.apache.camel", "ERROR"));
        CamelContext camel = gateway.context().getBean(CamelContext.class);
        // the CRM: each call takes the next failure the test queued, and succeeds when none is left
        AdviceWith.adviceWith(camel, "post-crm-batch", route -> route.weaveByToUri("crm-http:*").replace()
                .process(exchange -> {
                    CALLS.incrementAndGet();
                    Exception failure = ANSWERS.poll();
                    if (failure != null) {
                        throw failure;
                    }
                }));
        producer = camel.createProducerTemplate();
        jms = new JmsTemplate(gateway.context().getBean(ConnectionFactory.class));
        jms.setReceiveTimeout(10_000);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void nothingQueued() {
        ANSWERS.clear();
        CALLS.set(0);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void transientAnswersAreRetriedThenTheBatchIsDeadLetteredWithTheStatus(int status) throws Exception {
        double deadLettered = gateway.counter("gateway.crm.batches", "outcome", "dead-lettered");
        Instant before = Instant.now();
        failEveryCall(http(status));

        post(BATCH);

        Message letter = deadLetter();
        assertThat(CALLS).hasValue(MAX_RETRIES + 1);
        assertThat(((TextMessage) letter).getText()).isEqualTo(BATCH);
        assertThat(letter.getStringProperty("GatewayDeadLetterReason")).isEqualTo("CRM answered HTTP " + status);
        assertThat(letter.getIntProperty("GatewayLastStatus")).isEqualTo(status);
        assertThat(letter.getIntProperty("GatewayAttempts")).isEqualTo(MAX_RETRIES + 1);
        assertThat(letter.getIntProperty("GatewayRecords")).isEqualTo(2);
        assertThat(letter.getStringProperty("GatewayReplayQueue")).isEqualTo("guest.crm.replay");
        assertThat(letter.getStringProperty("GatewayDeadLetterKey")).isNotBlank();
        Instant firstFailure = Instant.parse(letter.getStringProperty("GatewayFirstFailure"));
        Instant deadLetteredAt = Instant.parse(letter.getStringProperty("GatewayDeadLetteredAt"));
        assertThat(firstFailure).isAfterOrEqualTo(before.minusMillis(1)).isBeforeOrEqualTo(deadLetteredAt);
        assertThat(gateway.counter("gateway.crm.batches", "outcome", "dead-lettered")).isEqualTo(deadLettered + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 400, 401, 403, 404, 413, 422})
    void anyOtherAnswerIsDeadLetteredAtOnce(int status) throws Exception {
        failEveryCall(http(status));

        post(BATCH);

        Message letter = deadLetter();
        assertThat(CALLS).hasValue(1);
        assertThat(letter.getStringProperty("GatewayDeadLetterReason")).isEqualTo("CRM answered HTTP " + status);
        assertThat(letter.getIntProperty("GatewayLastStatus")).isEqualTo(status);
        assertThat(letter.getIntProperty("GatewayAttempts")).isEqualTo(1);
    }

    @Test
    void aRetryThatSucceedsSendsTheBatchAndLeavesNoDeadLetter() {
        double sent = gateway.counter("gateway.crm.batches", "outcome", "sent");
        double records = gateway.counter("gateway.crm.records");
        ANSWERS.add(http(503));
        ANSWERS.add(new ConnectException("refused"));

        post(BATCH);

        assertThat(CALLS).hasValue(3);
        assertThat(gateway.counter("gateway.crm.batches", "outcome", "sent")).isEqualTo(sent + 1);
        assertThat(gateway.counter("gateway.crm.records")).isEqualTo(records + 2);
        jms.setReceiveTimeout(200);
        try {
            assertThat(jms.receive("guest.crm.dlq")).isNull();
        } finally {
            jms.setReceiveTimeout(10_000);
        }
    }

    @Test
    void ioErrorsAreRetriedEvenWhenWrapped() throws Exception {
        failEveryCall(new ConnectException("refused by 10.0.0.1"));
        post(BATCH);
        Message plain = deadLetter();
        assertThat(CALLS).hasValue(MAX_RETRIES + 1);
        assertThat(plain.getStringProperty("GatewayDeadLetterReason")).isEqualTo("I/O error calling the CRM: ConnectException");
        assertThat(plain.getIntProperty("GatewayLastStatus")).isZero();
        assertThat(plain.getIntProperty("GatewayAttempts")).isEqualTo(MAX_RETRIES + 1);

        CALLS.set(0);
        failEveryCall(new RuntimeCamelException(new SocketTimeoutException("slow")));
        post(BATCH);
        Message wrapped = deadLetter();
        assertThat(CALLS).hasValue(MAX_RETRIES + 1);
        assertThat(wrapped.getStringProperty("GatewayDeadLetterReason")).startsWith("I/O error calling the CRM: ");
    }

    @Test
    void aRefusedCertificateIsRetriedAndItsReasonSaysTlsRefusedIt() throws Exception {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        // as the JDK's: its cause is further from Exception than SSLHandshakeException is from IOException
        untrusted.initCause(new CertPathBuilderException("unable to find valid certification path") { });
        failEveryCall(untrusted);

        post(BATCH);

        Message letter = deadLetter();
        assertThat(CALLS).hasValue(MAX_RETRIES + 1);
        assertThat(letter.getStringProperty("GatewayDeadLetterReason"))
                .isEqualTo("TLS error calling the CRM: the server's certificate is not trusted (check crm.ssl-bundle)");
        assertThat(letter.getIntProperty("GatewayLastStatus")).isZero();
    }

    @Test
    void aBugIsNotRetriedAndItsReasonNamesOnlyTheErrorClass() throws Exception {
        failEveryCall(new IllegalStateException("secret detail"));

        post(BATCH);

        Message letter = deadLetter();
        assertThat(CALLS).hasValue(1);
        assertThat(letter.getStringProperty("GatewayDeadLetterReason")).isEqualTo("unexpected failure: IllegalStateException");
    }

    @Test
    void reasonsNeverCarryTheUrlOrTheCrmsAnswer() throws Exception {
        failEveryCall(http(503));
        post(BATCH);
        assertThat(deadLetter().getStringProperty("GatewayDeadLetterReason")).doesNotContain("k3y", "crm.example", "echoed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"external_id\":\"x\"}", "[]", "null", "not json", "\"text\""})
    void aBodyThatIsNotANonEmptyJsonArrayIsDeadLetteredWithoutCallingTheCrm(String body) throws Exception {
        post(body);

        Message letter = deadLetter();
        assertThat(CALLS).hasValue(0);
        assertThat(((TextMessage) letter).getText()).isEqualTo(body);
        assertThat(letter.getStringProperty("GatewayDeadLetterReason")).isEqualTo("batch is not a non-empty JSON array of records");
        assertThat(letter.getIntProperty("GatewayLastStatus")).isZero();
        assertThat(letter.getIntProperty("GatewayAttempts")).isEqualTo(1);
    }

    @Test
    void aGuestMessageWithoutASessionIsParkedWithWhatIsMissing() throws Exception {
        jms.convertAndSend(AcceptedQueues.sendTo("guest.crm"), "{\"fingerprint\":\"fp-x\",\"text\":\"hi\",\"queueId\":\"q\",\"timestamp\":1764412345.127}");

        Message letter = deadLetter();
        assertThat(letter.getStringProperty("GatewayDeadLetterReason")).isEqualTo("guest message without a session id or a usable timestamp");
        assertThat(letter.getStringProperty("GatewayReplayQueue")).isEqualTo("guest.crm");
        assertThat(letter.getIntProperty("GatewayAttempts")).isEqualTo(1);
        assertThat(letter.getIntProperty("GatewayLastStatus")).isZero();
        assertThat(letter.propertyExists("GatewayRecords")).isFalse();
    }

    private static void failEveryCall(Exception failure) {
        for (int i = 0; i <= MAX_RETRIES + 1; i++) {
            ANSWERS.add(failure);
        }
    }

    private static void post(String body) {
        producer.sendBody("direct:post-crm-batch", body);
    }

    private static Message deadLetter() throws JMSException {
        Message letter = jms.receive("guest.crm.dlq");
        assertThat(letter).as("a dead letter on guest.crm.dlq").isNotNull();
        return letter;
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("https://crm.example.test/batch?key=k3y", status, "x", null,
                Map.of(), "{\"error\":\"guest text echoed\"}");
    }
}
