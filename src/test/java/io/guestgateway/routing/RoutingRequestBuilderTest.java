package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.guest.GuestMessage;
import org.junit.jupiter.api.Test;

class RoutingRequestBuilderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RoutingRequestBuilder builder = new RoutingRequestBuilder(json, "temp.cxone.com");

    @Test
    void buildsTheContractsBody() throws Exception {
        GuestMessage message = new GuestMessage("c-8f14e45f", "fp-3b9d2c71a0", "Hi, my order never arrived",
                "general-support", 1764412345.127, "m-1", 1764412345200L);
        assertThat(json.readTree(builder.body(message, "general-support"))).isEqualTo(json.readTree("""
                {"type":"webchat","queueId":"general-support",
                 "customer":{"id":"c-8f14e45f","firstName":"Guest","lastName":"fp-3b9d2",
                             "email":"guest_c-8f14e45f@temp.cxone.com"},
                 "media":{"webchat":{"message":"Hi, my order never arrived","url":""}}}"""));
    }

    @Test
    void routesToTheQueueItIsGivenAndUsesTheConfiguredDomain() throws Exception {
        RoutingRequestBuilder other = new RoutingRequestBuilder(json, "guests.example.org");
        GuestMessage message = new GuestMessage("c-1", "fp", null, "no-such-queue", 0, null, 0);
        var body = json.readTree(other.body(message, "general-support"));
        assertThat(body.get("queueId").asText()).isEqualTo("general-support");
        assertThat(body.at("/customer/email").asText()).isEqualTo("guest_c-1@guests.example.org");
        assertThat(body.at("/media/webchat/message").asText()).isEmpty();
    }

    @Test
    void lastNameIsTheFirstEightCharactersOfTheFingerprint() {
        assertThat(RoutingRequestBuilder.lastName("fp-3b9d2c71a0")).isEqualTo("fp-3b9d2");
        assertThat(RoutingRequestBuilder.lastName("fp-3b9d2")).isEqualTo("fp-3b9d2");
        assertThat(RoutingRequestBuilder.lastName("fp-3")).isEqualTo("fp-3");
        assertThat(RoutingRequestBuilder.lastName("anonymous")).isEqualTo("anonymou");
        assertThat(RoutingRequestBuilder.lastName(null)).isEqualTo("anonymou");
        // characters, not UTF-16 units: no half of a surrogate pair
        assertThat(RoutingRequestBuilder.lastName("😀😀😀😀😀😀😀😀😀")).isEqualTo("😀😀😀😀😀😀😀😀");
        assertThat(RoutingRequestBuilder.lastName("😀😀😀😀😀")).isEqualTo("😀😀😀😀😀");
    }

    @Test
    void textIsEscapedAsJsonNotConcatenated() throws Exception {
        GuestMessage message = new GuestMessage("c-\"1", "fp", "quote \" and \n newline", "q", 0, null, 0);
        var body = json.readTree(builder.body(message, "q"));
        assertThat(body.at("/customer/id").asText()).isEqualTo("c-\"1");
        assertThat(body.at("/media/webchat/message").asText()).isEqualTo("quote \" and \n newline");
    }

    @Test
    void refusesAMessageWithoutConversationId() {
        GuestMessage message = new GuestMessage(" ", "fp", "hi", "q", 0, null, 0);
        assertThatThrownBy(() -> builder.body(message, "q")).isInstanceOf(IllegalArgumentException.class);
    }
}
