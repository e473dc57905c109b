package io.guestgateway.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson set up for untrusted frames, and which of its limits a frame broke.
 *
 * <p>Jackson reports every limit with the same exception type, so the start of its message is
 * the only signal of which one; GuestFramesHostileTest pins each mapping, so a Jackson upgrade
 * that rewords them fails a test instead of silently reporting limit-exceeded.
 */
final class ParserLimits {

    private ParserLimits() {
    }

    /**
     * A mapper whose parser stops at the first broken limit (before building anything big),
     * refuses duplicate keys and trailing content, and does not intern key names: random keys
     * from hostile frames must not pile up in the JVM's string table.
     */
    static ObjectMapper mapper(int maxFrameBytes, int maxDepth, int maxStringLength) {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxDocumentLength(maxFrameBytes)
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(GuestFrames.MAX_NUMBER_LENGTH)
                .maxNameLength(GuestFrames.MAX_NAME_LENGTH)
                .maxTokenCount(GuestFrames.MAX_TOKENS)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
        return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
