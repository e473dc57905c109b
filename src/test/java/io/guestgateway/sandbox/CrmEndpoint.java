package io.guestgateway.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /crm/batch} (docs/cxone-contract.md §4): a non-empty JSON array of records, each session at most
 * once per batch. Refusing a batch that breaks the contract (400) makes a gateway bug visible
 * instead of letting it pass as a success. A batch whose {@code Idempotency-Key} was accepted
 * before is answered 200 again and counted as a replay, not as records (as for routing).
 */
final class CrmEndpoint extends FaultyEndpoint {

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private final Set<String> acceptedKeys = ConcurrentHashMap.newKeySet();
    /** Sessions seen in accepted batches while someone counts them (off by default: it grows per session). */
    private volatile Set<String> sessionsSeen;

    CrmEndpoint(Vertx vertx, FaultInjector faults, CallRecorder recorder) {
        super(vertx, faults, recorder);
    }

    @Override
    protected Reply process(RoutingContext ctx) {
        Object parsed;
        try {
            parsed = ctx.body().buffer() == null ? null : Json.decodeValue(ctx.body().buffer());
        } catch (DecodeException e) {
            return Reply.error(400, "invalid_request", "body is not valid JSON");
        }
        if (!(parsed instanceof JsonArray batch) || batch.isEmpty()) {
            return Reply.error(400, "invalid_request", "body must be a non-empty JSON array of records");
        }
        Set<String> sessions = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            String problem = problem(batch.getValue(i));
            if (problem != null) {
                return Reply.error(400, "invalid_request", "record " + i + ": " + problem);
            }
            if (!sessions.add(batch.getJsonObject(i).getString("external_id"))) {
                return Reply.error(400, "invalid_request", "record " + i + ": external_id appears twice in the batch");
            }
        }
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key != null && !acceptedKeys.add(key)) {
            replays.incrementAndGet();
            return Reply.json(200, new JsonObject().put("accepted", batch.size()).put("replayed", true));
        }
        batches.incrementAndGet();
        records.addAndGet(batch.size());
        Set<String> seen = sessionsSeen;
        if (seen != null) {
            seen.addAll(sessions);
        }
        return Reply.json(200, new JsonObject().put("accepted", batch.size()));
    }

    private static String problem(Object value) {
        if (!(value instanceof JsonObject record)) {
            return "must be an object";
        }
        if (!(record.getValue("external_id") instanceof String id) || id.isBlank()) {
            return "external_id must be a non-blank string";
        }
        if (!(record.getValue("fingerprint") instanceof String)) {
            return "fingerprint must be a string";
        }
        if (!(record.getValue("last_message") instanceof String)) {
            return "last_message must be a string";
        }
        if (!(record.getValue("queued_at") instanceof Number)) {
            return "queued_at must be a number (epoch seconds)";
        }
        return null;
    }

    long batches() {
        return batches.get();
    }

    long records() {
        return records.get();
    }

    void countSessions(boolean on) {
        sessionsSeen = on ? ConcurrentHashMap.newKeySet() : null;
    }

    long sessionsSeen() {
        Set<String> seen = sessionsSeen;
        return seen == null ? -1 : seen.size();
    }

    long replays() {
        return replays.get();
    }

    void reset() {
        batches.set(0);
        records.set(0);
        replays.set(0);
        acceptedKeys.clear();
    }
}
