package io.guestgateway.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/v2/routing/conversations} (docs/cxone-contract.md §3). Checks token and scope, validates the
 * body, knows the queues, and counts a second 201 for the same conversation as a duplicate route:
 * the one thing a correct gateway never causes. A repeated {@code Idempotency-Key} for the same
 * conversation gets the first answer again, as an idempotent API would give it.
 */
final class RoutingEndpoint extends FaultyEndpoint {

    static final String SCOPE = "routing:write";

    private record Routed(String conversationId, String taskId) {}

    private final SandboxSettings settings;
    private final BearerCheck bearer;
    private final Map<String, String> taskByConversation = new ConcurrentHashMap<>();
    private final Map<String, Routed> byIdempotencyKey = new ConcurrentHashMap<>();
    private final AtomicLong taskSequence = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();

    RoutingEndpoint(Vertx vertx, SandboxSettings settings, TokenStore tokens, FaultInjector faults,
            CallRecorder recorder) {
        super(vertx, faults, recorder);
        this.settings = settings;
        this.bearer = new BearerCheck(tokens);
    }

    /** A conversation's calls draw their 503s from its own sequence, whatever other conversations do. */
    @Override
    protected String faultKey(RoutingContext ctx) {
        return ctx.request().getHeader("Idempotency-Key");
    }

    @Override
    protected Reply process(RoutingContext ctx) {
        Reply refusal = bearer.refusal(ctx, SCOPE);
        if (refusal != null) {
            return refusal;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            return Reply.error(400, "invalid_request", "Content-Type must be application/json");
        }
        Object parsed;
        try {
            parsed = ctx.body().buffer() == null ? null : Json.decodeValue(ctx.body().buffer());
        } catch (DecodeException e) {
            return Reply.error(400, "invalid_request", "body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject body)) {
            return Reply.error(400, "invalid_request", "body must be a JSON object");
        }
        String problem = RoutingRequestRules.problem(body);
        if (problem != null) {
            return Reply.error(400, "invalid_request", problem);
        }
        String queueId = body.getString("queueId");
        if (settings.restrictedQueues().contains(queueId)) {
            return queueReply(403, "queue_restricted", "queue is restricted for this client", queueId);
        }
        if (!settings.queues().contains(queueId)) {
            return queueReply(400, "unknown_queue", "no such queue", queueId);
        }
        return route(body.getJsonObject("customer").getString("id"), queueId,
                ctx.request().getHeader("Idempotency-Key"));
    }

    private Reply route(String conversationId, String queueId, String idempotencyKey) {
        Routed earlier = idempotencyKey == null ? null : byIdempotencyKey.get(idempotencyKey);
        if (earlier != null && earlier.conversationId().equals(conversationId)) {
            replays.incrementAndGet();
            return created(earlier.taskId(), conversationId, queueId);
        }
        String taskId = "task-" + taskSequence.incrementAndGet();
        if (taskByConversation.putIfAbsent(conversationId, taskId) != null) {
            duplicates.incrementAndGet();
        }
        if (idempotencyKey != null) {
            byIdempotencyKey.putIfAbsent(idempotencyKey, new Routed(conversationId, taskId));
        }
        return created(taskId, conversationId, queueId);
    }

    private static Reply created(String taskId, String conversationId, String queueId) {
        return Reply.json(201, new JsonObject().put("taskId", taskId).put("conversationId", conversationId)
                .put("queueId", queueId).put("status", "queued"));
    }

    private static Reply queueReply(int status, String error, String reason, String queueId) {
        Reply reply = Reply.error(status, error, reason);
        reply.body().put("queueId", queueId);
        return reply;
    }

    long routedConversations() {
        return taskByConversation.size();
    }

    long duplicateRoutes() {
        return duplicates.get();
    }

    long idempotentReplays() {
        return replays.get();
    }

    void reset() {
        taskByConversation.clear();
        byIdempotencyKey.clear();
        duplicates.set(0);
        replays.set(0);
    }
}
