package io.guestgateway.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guestgateway.guest.GuestMessage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class LatestMessagePerSessionTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final LatestMessagePerSession strategy = new LatestMessagePerSession();

    @Test
    void firstMessageOpensABatchWithoutItsJmsHeaders() {
        Exchange first = exchange(message("c-1", "hello", 100.5));
        first.getMessage().setHeader("JMSXGroupID", "c-1");

        Exchange batch = strategy.aggregate(null, first);

        assertThat(batch).isSameAs(first);
        assertThat(batch.getMessage().getHeaders()).isEmpty();
        assertThat(records(batch)).containsExactly(Map.of(
                "external_id", "c-1", "fingerprint", "fp-c-1", "last_message", "hello",
                "queued_at", new BigDecimal("100.5")));
    }

    @Test
    void eachSessionOnceWithItsLatestMessageByGuestTimestamp() {
        Exchange batch = strategy.aggregate(null, exchange(message("c-1", "one", 10)));
        batch = strategy.aggregate(batch, exchange(message("c-2", "two", 11)));
        batch = strategy.aggregate(batch, exchange(message("c-1", "three", 12)));
        // arrives last but was written earlier: the batch keeps "three"
        batch = strategy.aggregate(batch, exchange(message("c-1", "late", 11)));

        assertThat(records(batch)).extracting(r -> r.get("external_id"), r -> r.get("last_message"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1", "three"),
                        org.assertj.core.groups.Tuple.tuple("c-2", "two"));
    }

    @Test
    void equalTimestampsGoToTheLaterArrival() {
        Exchange batch = strategy.aggregate(null, exchange(message("c-1", "first", 10)));
        batch = strategy.aggregate(batch, exchange(message("c-1", "second", 10)));

        assertThat(records(batch)).singleElement().extracting(r -> r.get("last_message")).isEqualTo("second");
    }

    @Test
    void returnsTheStoredExchangeSoTheRepositoryKeepsItsIdentity() {
        Exchange opened = strategy.aggregate(null, exchange(message("c-1", "a", 1)));
        Exchange next = exchange(message("c-2", "b", 2));

        assertThat(strategy.aggregate(opened, next)).isSameAs(opened);
        assertThat(strategy.aggregate(opened, null)).isSameAs(opened);
    }

    @Test
    void missingTextAndFingerprintBecomeContractDefaults() {
        Exchange batch = strategy.aggregate(null,
                exchange(new GuestMessage("c-9", null, null, "default", 5, null, 0)));

        assertThat(records(batch).get(0)).containsEntry("fingerprint", "anonymous").containsEntry("last_message", "");
    }

    @Test
    void aMessageWithoutSessionIsRefusedAndLeavesTheBatchAlone() {
        Exchange batch = strategy.aggregate(null, exchange(message("c-1", "a", 1)));

        assertThatThrownBy(() -> strategy.aggregate(batch, exchange(message(" ", "x", 2))))
                .isInstanceOf(UnreadableGuestMessageException.class);
        assertThatThrownBy(() -> strategy.aggregate(null, exchange(null)))
                .isInstanceOf(UnreadableGuestMessageException.class);
        assertThat(records(batch)).hasSize(1);
    }

    private static GuestMessage message(String session, String text, double timestamp) {
        return new GuestMessage(session, "fp-" + session, text, "general-support", timestamp, null, 0);
    }

    private Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Exchange batch) {
        return batch.getMessage().getBody(List.class);
    }
}
