package io.guestgateway.sandbox;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call the sandbox answered, as it arrived.
 *
 * @param method  HTTP method
 * @param path    request path
 * @param headers request headers; lookups ignore case, repeated headers are joined with ", "
 * @param body    request body as text
 * @param status  the status the sandbox answered
 * @param time    when it was answered, epoch milliseconds
 */
public record RecordedCall(String method, String path, Map<String, String> headers, String body, int status, long time) {

    public RecordedCall {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    /** The header's value, any case of its name, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        // the Authorization header carries a bearer token: never print it
        return "RecordedCall[" + method + " " + path + " -> " + status + ", at=" + time
                + ", idempotencyKey=" + header("Idempotency-Key") + ", bodyLength=" + body.length() + "]";
    }
}
