package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** What guest.rejected keeps of a frame comes with the exception that rejects it. */
class RejectedFrameExceptionTest {

    final GuestFrames frames = new GuestFrames();

    @Test
    void theParserDescribesTheFrameItRejects() {
        RejectedFrameException e = catchThrowableOfType(RejectedFrameException.class,
                () -> frames.parse("{\"a\":1,\"a\":2}", 42L));
        assertThat(e.rejectedFrame()).isEqualTo(new RejectedFrame("duplicate-key", 42L, 13, "{\"a\":1,\"a\":2}"));
    }

    @Test
    void theContentFilterDescribesTheFrameItRejects() {
        String frame = "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\" \"}";
        RejectedFrameException e = catchThrowableOfType(RejectedFrameException.class,
                () -> frames.toGuestMessage(frames.parse(frame, 7L), 7L));
        assertThat(e.rejectedFrame().reason()).isEqualTo("bad-conversation-id");
        assertThat(e.rejectedFrame().receivedAt()).isEqualTo(7L);
        assertThat(e.rejectedFrame().sizeBytes()).isEqualTo(frame.length());
        assertThat(e.getMessage()).doesNotContain("inbound");
    }

    @Test
    void anExceptionThrownOutsideTheParserStillNamesItsReason() {
        assertThat(new RejectedFrameException(RejectReason.TOO_DEEP, "x").rejectedFrame())
                .isEqualTo(new RejectedFrame("too-deep", 0L, 0, ""));
    }
}
