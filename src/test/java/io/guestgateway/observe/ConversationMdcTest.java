package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.guest.GuestMessage;
import io.guestgateway.routing.RoutingState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The conversation id in the MDC while, and only while, an exchange about it is processed. */
class ConversationMdcTest {

    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        MDC.clear();
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().addInterceptStrategy(new ConversationMdc());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:steps").routeId("steps")
                        .process(e -> see())
                        .setBody(constant("{\"type\":\"webchat\"}"))   // the guest message is gone...
                        .process(e -> see())
                        .removeHeaders("*")                             // ...and so is every header
                        .process(e -> see());
                from("direct:one").routeId("one").process(e -> see());
                from("direct:fails").routeId("fails")
                        .onException(IllegalStateException.class).handled(true).process(e -> see()).end()
                        .process(e -> {
                            throw new IllegalStateException("boom");
                        });
                from("direct:batch").routeId("batch")
                        .aggregate(constant("all"), ConversationMdcTest::intoBatch).completionSize(2)
                        .process(e -> see());
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        MDC.clear();
    }

    private void see() {
        seen.add(MDC.get(ConversationMdc.KEY));
    }

    @Test
    void aGuestMessageBodySetsTheIdForEveryStepOfItsExchangeAndOnlyUntilItIsDone() {
        producer.sendBody("direct:steps", guest("c-1"));
        assertThat(seen).containsExactly("c-1", "c-1", "c-1");
        assertThat(MDC.get(ConversationMdc.KEY)).isNull();

        producer.sendBody("direct:one", "a frame that is no guest message");
        assertThat(seen).containsExactly("c-1", "c-1", "c-1", null);
    }

    @Test
    void theQueueGroupHeaderAndTheRoutingStateNameTheConversationToo() {
        producer.sendBodyAndHeader("direct:one", "{}", ConversationMdc.GROUP_HEADER, "c-header");
        Exchange routing = new DefaultExchange(camel);
        routing.setProperty(RoutingState.PROPERTY, new RoutingState(guest("c-state")));
        routing.getMessage().setBody("{\"type\":\"webchat\"}");
        producer.send("direct:one", routing);
        assertThat(seen).containsExactly("c-header", "c-state");
    }

    @Test
    void theErrorHandlersStepsSeeTheIdOfTheFailedExchange() {
        producer.sendBody("direct:fails", guest("c-failed"));
        assertThat(seen).containsExactly("c-failed");
        assertThat(MDC.get(ConversationMdc.KEY)).isNull();
    }

    @Test
    void aBatchBuiltOnTheThreadOfAConversationDoesNotCarryItsId() {
        producer.sendBody("direct:batch", "first");
        producer.sendBody("direct:batch", guest("c-last"));   // completes the batch, mostly on this thread
        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        assertThat(seen).containsExactly((String) null);
    }

    @Test
    void anotherExchangeOnTheSameThreadReplacesOrRemovesTheId() {
        Exchange first = new DefaultExchange(camel);
        first.getMessage().setBody(guest("c-a"));
        Exchange second = new DefaultExchange(camel);
        second.getMessage().setBody("no conversation");
        ConversationMdc.enter(first);
        assertThat(MDC.get(ConversationMdc.KEY)).isEqualTo("c-a");
        ConversationMdc.enter(second);
        assertThat(MDC.get(ConversationMdc.KEY)).isNull();
    }

    @Test
    void anIdFromTheWireIsEscapedForTheLogLine() {
        producer.sendBody("direct:one", guest("c-\n\u001b[31mred"));
        assertThat(seen).containsExactly("c-\\n\\u001b[31mred");
    }

    /** Like the CRM batch: the first exchange becomes the batch, whose body is no guest message. */
    private static Exchange intoBatch(Exchange batch, Exchange incoming) {
        Exchange into = batch == null ? incoming : batch;
        into.getMessage().setBody("batch");
        return into;
    }

    private static GuestMessage guest(String conversationId) {
        return new GuestMessage(conversationId, "fp-1", "hello", "billing", 1764412345.127, null, 1L);
    }
}
