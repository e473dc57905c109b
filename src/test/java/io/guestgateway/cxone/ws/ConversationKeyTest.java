package io.guestgateway.cxone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lane key read from a raw frame, before parsing. */
class ConversationKeyTest {

    @Test
    void oneConversationsFramesShareAKeyWhateverElseTheyCarry() {
        int first = ConversationKey.hash(GuestClient.message("c-8f14e45f", "Hi, my order never arrived"));
        int second = ConversationKey.hash("{\"type\":\"typing\", \"conversationId\" : \"c-8f14e45f\",\"text\":\"x\"}");
        assertThat(first).isNotNegative().isEqualTo(second);
        assertThat(ConversationKey.hash(GuestClient.message("c-8f14e45e", "Hi, my order never arrived")))
                .isNotNegative().isNotEqualTo(first);
    }

    @Test
    void anEscapedQuoteDoesNotEndTheValue() {
        int escaped = ConversationKey.hash("{\"conversationId\":\"c-\\\"1\",\"text\":\"a\"}");
        assertThat(escaped).isNotNegative()
                .isNotEqualTo(ConversationKey.hash("{\"conversationId\":\"c-\",\"text\":\"a\"}"))
                .isEqualTo(ConversationKey.hash("{\"text\":\"b\",\"conversationId\":\"c-\\\"1\"}"));
    }

    @Test
    void aKeyQuotedInsideTheTextIsNotTheConversation() {
        // inside a JSON string the quotes are escaped, so the text cannot fake the field
        assertThat(ConversationKey.hash("{\"text\":\"\\\"conversationId\\\":\\\"c-1\\\"\"}")).isEqualTo(ConversationKey.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{}", "{\"conversationId\":7}", "{\"conversationId\":null}",
            "{\"conversationId\":[\"c-1\"]}", "{\"conversationId\"}", "{\"conversationId\":", "{\"conversationId\":\"c-1",
            "{\"conversationId\":\"c-1\\"})
    void framesWithoutAStringConversationIdHaveNoKey(String frame) {
        assertThat(ConversationKey.hash(frame)).isEqualTo(ConversationKey.NONE);
    }
}
