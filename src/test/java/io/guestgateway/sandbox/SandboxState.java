package io.guestgateway.sandbox;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of what the sandbox has seen since start or the last reset.
 *
 * @param routedConversations distinct conversation ids answered 201
 * @param duplicateRoutes     201s for a conversation already routed (0 with a correct gateway);
 *                            an idempotent replay (same {@code Idempotency-Key}) is not one
 * @param idempotentReplays   calls answered from an earlier 201 with the same {@code Idempotency-Key}
 * @param routingCallsByStatus routing calls by answered status
 * @param crmBatches          CRM batches accepted (2xx)
 * @param crmRecords          records in those batches
 * @param crmCallsByStatus    CRM calls by answered status
 * @param tokensIssued        tokens handed out
 * @param tokenCallsByStatus  token requests by answered status
 * @param wsConnections       WebSocket connections open now
 * @param wsAuthenticated     of those, authenticated
 * @param wsAuthRejected      connections closed for a bad, expired or missing auth frame
 * @param framesRelayed       frame deliveries (one frame relayed to two connections counts 2)
 * @param framesDropped       message frames that found no other authenticated connection
 */
public record SandboxState(
        long routedConversations,
        long duplicateRoutes,
        long idempotentReplays,
        Map<Integer, Long> routingCallsByStatus,
        long crmBatches,
        long crmRecords,
        Map<Integer, Long> crmCallsByStatus,
        long tokensIssued,
        Map<Integer, Long> tokenCallsByStatus,
        int wsConnections,
        int wsAuthenticated,
        long wsAuthRejected,
        long framesRelayed,
        long framesDropped) {

    public SandboxState {
        routingCallsByStatus = Collections.unmodifiableMap(new TreeMap<>(routingCallsByStatus));
        crmCallsByStatus = Collections.unmodifiableMap(new TreeMap<>(crmCallsByStatus));
        tokenCallsByStatus = Collections.unmodifiableMap(new TreeMap<>(tokenCallsByStatus));
    }

    /** Routing calls answered with {@code status}. */
    public long routingCalls(int status) {
        return routingCallsByStatus.getOrDefault(status, 0L);
    }

    /** CRM calls answered with {@code status}. */
    public long crmCalls(int status) {
        return crmCallsByStatus.getOrDefault(status, 0L);
    }
}
