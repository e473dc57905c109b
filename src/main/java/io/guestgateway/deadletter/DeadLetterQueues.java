package io.guestgateway.deadletter;

import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter queues the admin API serves, by the short name in its paths: {@code routing} is
 * {@code guest.routing.dlq}, {@code crm} is {@code guest.crm.dlq}. Nothing else is reachable, so a
 * path cannot name an arbitrary broker queue.
 */
public record DeadLetterQueues(Map<String, String> byName) {

    public static DeadLetterQueues gatewayDefaults() {
        return new DeadLetterQueues(Map.of("routing", "guest.routing.dlq", "crm", "guest.crm.dlq"));
    }

    public Optional<String> queue(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
