package io.guestgateway.sandbox;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Every call one endpoint answered: the last {@code max} in full, all of them counted by status. */
final class CallRecorder {

    private final int max;
    private final ArrayDeque<RecordedCall> calls = new ArrayDeque<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    CallRecorder(int max) {
        this.max = max;
    }

    void record(RoutingContext ctx, int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (max == 0) {
            return;
        }
        HttpServerRequest request = ctx.request();
        Map<String, String> headers = new HashMap<>();
        for (String name : request.headers().names()) {
            headers.put(name, String.join(", ", request.headers().getAll(name)));
        }
        String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
        RecordedCall call = new RecordedCall(request.method().name(), request.path(), headers, body, status,
                System.currentTimeMillis());
        synchronized (calls) {
            if (calls.size() == max) {
                calls.removeFirst();
            }
            calls.addLast(call);
        }
    }

    List<RecordedCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    Map<Integer, Long> countsByStatus() {
        Map<Integer, Long> counts = new HashMap<>();
        byStatus.forEach((status, n) -> counts.put(status, n.sum()));
        return counts;
    }

    void reset() {
        synchronized (calls) {
            calls.clear();
        }
        byStatus.clear();
    }
}
