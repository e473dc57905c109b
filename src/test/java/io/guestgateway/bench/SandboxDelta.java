package io.guestgateway.bench;

import io.guestgateway.sandbox.SandboxState;

/** What the sandbox saw between two snapshots (the suite never resets it: one sandbox, many scenarios). */
record SandboxDelta(long routed, long duplicateRoutes, long idempotentReplays, long routing201, long routing429,
        long routing503, long routing401, long crmRecords, long crm5xx, long tokensIssued, long hubDropped) {

    static SandboxDelta between(SandboxState a, SandboxState b) {
        return new SandboxDelta(b.routedConversations() - a.routedConversations(),
                b.duplicateRoutes() - a.duplicateRoutes(), b.idempotentReplays() - a.idempotentReplays(),
                b.routingCalls(201) - a.routingCalls(201), b.routingCalls(429) - a.routingCalls(429),
                b.routingCalls(503) - a.routingCalls(503), b.routingCalls(401) - a.routingCalls(401),
                b.crmRecords() - a.crmRecords(), b.crmCalls(503) - a.crmCalls(503),
                b.tokensIssued() - a.tokensIssued(), b.framesDropped() - a.framesDropped());
    }
}
