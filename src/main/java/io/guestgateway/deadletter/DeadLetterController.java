package io.guestgateway.deadletter;

import jakarta.jms.JMSException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin API over the dead-letter queues (behind {@code gateway.admin.*}, see
 * SecurityConfiguration): list, replay one, replay all. {@code {queue}} is a short name from
 * {@link DeadLetterQueues} ({@code routing}, {@code crm}).
 */
@RestController
@RequestMapping("/admin/dead-letters")
public class DeadLetterController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetterQueues queues;
    private final DeadLetterStore store;

    public DeadLetterController(DeadLetterQueues queues, DeadLetterStore store) {
        this.queues = queues;
        this.store = store;
    }

    @GetMapping("/{queue}")
    public DeadLetterStore.Page list(@PathVariable String queue, @RequestParam(defaultValue = "100") int limit)
            throws JMSException {
        return store.list(queueOf(queue), Math.max(0, Math.min(limit, MAX_LIMIT)));
    }

    @PostMapping("/{queue}/{id}/replay")
    public Map<String, Object> replay(@PathVariable String queue, @PathVariable String id) throws JMSException {
        String origin;
        try {
            origin = store.replay(queueOf(queue), id).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "no replayable dead letter with that id"));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a message id");
        }
        return Map.of("replayed", 1, "to", origin);
    }

    @PostMapping("/{queue}/replay-all")
    public ResponseEntity<Map<String, Object>> replayAll(@PathVariable String queue) throws JMSException {
        return ResponseEntity.ok(Map.of("replayed", store.replayAll(queueOf(queue))));
    }

    private String queueOf(String name) {
        return queues.queue(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no dead-letter queue named that; known: " + String.join(", ", queues.byName().keySet())));
    }
}
