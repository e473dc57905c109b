package io.guestgateway.ingest;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Which Jackson limit a frame broke. Jackson reports every limit with the same exception type, so
 * the start of its message is the only signal; GuestFramesHostileTest pins each mapping, so a
 * Jackson upgrade that rewords them fails a test instead of silently reporting limit-exceeded.
 */
final class ParserLimits {

    private ParserLimits() {
    }

    static RejectReason reasonFor(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Document nesting depth")) {
            return RejectReason.TOO_DEEP;
        } else if (message.startsWith("Document length")) {
            return RejectReason.TOO_LARGE;
        } else if (message.startsWith("String value length")) {
            return RejectReason.TOO_LONG_STRING;
        } else if (message.startsWith("Number value length")) {
            return RejectReason.TOO_LONG_NUMBER;
        } else if (message.startsWith("Name length")) {
            return RejectReason.TOO_LONG_NAME;
        } else if (message.startsWith("Token count")) {
            return RejectReason.TOO_MANY_TOKENS;
        }
        return RejectReason.LIMIT_EXCEEDED;
    }
}
