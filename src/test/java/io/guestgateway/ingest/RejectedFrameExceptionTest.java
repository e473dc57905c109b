package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.language.bean.RuntimeBeanExpressionException;
import org.junit.jupiter.api.Test;

/** The reason a rejected frame is kept with, however Camel hands the exception to the error handler. */
class RejectedFrameExceptionTest {

    @Test
    void theReasonSurvivesCamelsWrappingOfAMethodExpression() {
        RejectedFrameException rejected = new RejectedFrameException(RejectReason.BAD_CONVERSATION_ID, "blank");

        assertThat(RejectedFrameException.reasonOf(rejected)).isEqualTo("bad-conversation-id");
        assertThat(RejectedFrameException.reasonOf(new RuntimeBeanExpressionException(null, "guestFrames",
                "toGuestMessage", rejected))).isEqualTo("bad-conversation-id");
        assertThat(RejectedFrameException.reasonOf(new RuntimeCamelException(new IllegalStateException("bug"))))
                .isEqualTo("internal-error");
        assertThat(RejectedFrameException.reasonOf(null)).isEqualTo("internal-error");
    }
}
