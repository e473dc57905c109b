package io.guestgateway.sandbox;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Set;

/**
 * The sandbox's control panel under {@code /sandbox}: state, fault knobs, force-close, token
 * expiry, reset. No authentication: the sandbox is a test double that listens on loopback only.
 */
final class AdminApi {

    private static final Set<String> FAULT_FIELDS =
            Set.of("failureRate", "every429", "retryAfterSeconds", "latencyMs", "outage");

    private final CxoneSandbox sandbox;

    AdminApi(CxoneSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void mount(Router router, BodyHandler body) {
        router.get("/sandbox/state").handler(ctx -> ok(ctx, JsonObject.mapFrom(sandbox.state())));
        router.get("/sandbox/faults/:target").handler(ctx -> {
            Target target = Target.fromPathName(ctx.pathParam("target"));
            if (target == null) {
                Reply.error(404, "not_found", "targets are token, routing and crm").send(ctx.response());
            } else {
                ok(ctx, toJson(sandbox.faults(target)));
            }
        });
        router.put("/sandbox/faults/:target").handler(body).handler(this::putFaults);
        router.post("/sandbox/websocket/close-all").handler(this::closeAll);
        router.post("/sandbox/tokens/expire").handler(ctx -> {
            sandbox.expireAllTokens();
            ok(ctx, new JsonObject().put("expired", true));
        });
        router.post("/sandbox/reset").handler(ctx -> {
            sandbox.reset();
            ok(ctx, new JsonObject().put("reset", true));
        });
    }

    private void putFaults(RoutingContext ctx) {
        Target target = Target.fromPathName(ctx.pathParam("target"));
        if (target == null) {
            Reply.error(404, "not_found", "targets are token, routing and crm").send(ctx.response());
            return;
        }
        FaultSettings faults;
        try {
            faults = fromJson(ctx.body().asJsonObject());
        } catch (DecodeException | ClassCastException | NullPointerException notAnObject) {
            Reply.error(400, "invalid_request", "body must be a JSON object with some of " + FAULT_FIELDS)
                    .send(ctx.response());
            return;
        } catch (IllegalArgumentException invalid) {
            Reply.error(400, "invalid_request", invalid.getMessage()).send(ctx.response());
            return;
        }
        sandbox.setFaults(target, faults);
        ok(ctx, toJson(faults));
    }

    private void closeAll(RoutingContext ctx) {
        String param = ctx.request().getParam("code", "1001");
        int code;
        try {
            code = Integer.parseInt(param);
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (!CxoneSandbox.isSendableCloseCode(code)) {
            Reply.error(400, "invalid_request", "code must be a close code from 1000 to 4999 that may be sent")
                    .send(ctx.response());
            return;
        }
        int open = sandbox.state().wsConnections();
        sandbox.closeAllWebSockets(code);
        ok(ctx, new JsonObject().put("closed", open).put("code", code));
    }

    static JsonObject toJson(FaultSettings f) {
        return new JsonObject().put("failureRate", f.failureRate()).put("every429", f.every429())
                .put("retryAfterSeconds", f.retryAfterSeconds()).put("latencyMs", f.latency().toMillis())
                .put("outage", f.outage());
    }

    /** Fields left out are off; unknown fields are refused, so a typo is not silently ignored. */
    static FaultSettings fromJson(JsonObject json) {
        for (String field : json.fieldNames()) {
            if (!FAULT_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field " + field);
            }
        }
        FaultSettings none = FaultSettings.none();
        return new FaultSettings(
                json.getDouble("failureRate", none.failureRate()),
                json.getInteger("every429", none.every429()),
                json.getInteger("retryAfterSeconds", none.retryAfterSeconds()),
                Duration.ofMillis(json.getLong("latencyMs", 0L)),
                json.getBoolean("outage", none.outage()));
    }

    private static void ok(RoutingContext ctx, JsonObject body) {
        Reply.json(200, body).send(ctx.response());
    }
}
