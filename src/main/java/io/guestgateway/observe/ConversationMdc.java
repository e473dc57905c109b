package io.guestgateway.observe;

import io.guestgateway.guest.GuestMessage;
import io.guestgateway.ingest.SafeText;
import io.guestgateway.routing.RoutingState;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;

/**
 * Puts the conversation id of the exchange at hand into the logging MDC as {@value #KEY}, so every
 * line logged while a conversation is handled carries it: the routes' {@code log} steps, the beans
 * they call, and Camel's own error-handler lines (retries exhausted) that follow a failed step.
 * Structured (JSON) logging shows it as a field of its own.
 *
 * <p>Camel applies it to every step of every route (an {@link InterceptStrategy} bean is picked up
 * from the registry). Before each step it looks for the id: the routing stage's state, a
 * {@link GuestMessage} body, or the {@code JMSXGroupID} ingest puts on every queued message. Found:
 * the key is set. Not found: the key is removed, unless it was set by this very exchange (a step
 * that dropped the headers, for example), so a thread never carries one conversation's id into
 * another exchange's lines. When the exchange is done the key is removed.
 *
 * <p>Lines about a CRM batch carry no id: a batch holds many conversations.
 */
public class ConversationMdc implements InterceptStrategy {

    public static final String KEY = "conversationId";
    /** Set by ingest on every message it queues (DurableHandOff). */
    static final String GROUP_HEADER = "JMSXGroupID";

    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    /** Which exchange the MDC value on this thread belongs to, and the raw id it was made from. */
    private static final class Slot {
        Exchange owner;
        String id;
        String escaped;
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
            Processor nextTarget) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                enter(exchange);
                return super.process(exchange, callback);
            }
        };
    }

    /** The conversation the exchange is about, or {@code null}; the raw value, not yet escaped. */
    static String conversationOf(Exchange exchange) {
        if (exchange.getProperty(RoutingState.PROPERTY) instanceof RoutingState state && state.conversationId() != null) {
            return state.conversationId();
        }
        if (exchange.getMessage().getBody() instanceof GuestMessage guest && guest.sessionId() != null) {
            return guest.sessionId();
        }
        return exchange.getMessage().getHeader(GROUP_HEADER) instanceof String group ? group : null;
    }

    static void enter(Exchange exchange) {
        Slot slot = SLOT.get();
        String id = conversationOf(exchange);
        if (id != null) {
            if (!id.equals(slot.id)) {
                // the id comes from the wire: escaped once here, not on every step
                slot.escaped = SafeText.escape(id, 200);
                slot.id = id;
            }
            if (slot.owner != exchange) {
                slot.owner = exchange;
                exchange.getExchangeExtension().addOnCompletion(new Cleanup());
            }
            MDC.put(KEY, slot.escaped);
        } else if (slot.owner != exchange) {
            clear(slot);
        }
    }

    private static void clear(Slot slot) {
        if (slot.owner != null) {
            MDC.remove(KEY);
            slot.owner = null;
            slot.id = null;
            slot.escaped = null;
        }
    }

    /** Removes the key when its exchange is done, on the thread that finishes it. */
    private static final class Cleanup extends SynchronizationAdapter {
        @Override
        public void onDone(Exchange exchange) {
            Slot slot = SLOT.get();
            if (slot.owner == exchange) {
                clear(slot);
            }
        }

        /** Stays with its exchange: an aggregator must not hand it to the batch it builds. */
        @Override
        public boolean allowHandover() {
            return false;
        }
    }
}
