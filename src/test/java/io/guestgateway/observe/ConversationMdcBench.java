package io.guestgateway.observe;

import io.guestgateway.guest.GuestMessage;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * What ConversationMdc adds per route step: the same 15-step route with and without it, guest
 * messages and frames without a conversation alternating. A benchmark main, not a test:
 * {@code bench/run io.guestgateway.observe.ConversationMdcBench}.
 */
public final class ConversationMdcBench {

    private static final int STEPS = 15;

    public static void main(String[] args) throws Exception {
        int exchanges = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        for (int round = 0; round < 3; round++) {
            double without = run(false, exchanges);
            double with = run(true, exchanges);
            System.out.printf(Locale.ROOT, "round %d: %.0f ns per exchange without, %.0f ns with: %.1f ns per step%n",
                    round, without, with, (with - without) / STEPS);
        }
    }

    private static double run(boolean mdc, int exchanges) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            if (mdc) {
                camel.getCamelContextExtension().addInterceptStrategy(new ConversationMdc());
            }
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    RouteDefinition route = from("direct:steps");
                    for (int i = 0; i < STEPS; i++) {
                        route.process(e -> { });
                    }
                }
            });
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            GuestMessage guest = new GuestMessage("c-8f14e45f", "fp-1", "hello", "billing", 1764412345.127, null, 1L);
            for (int i = 0; i < exchanges / 3; i++) {
                producer.sendBody("direct:steps", (i & 1) == 0 ? guest : "frame");
            }
            long start = System.nanoTime();
            for (int i = 0; i < exchanges; i++) {
                producer.sendBody("direct:steps", (i & 1) == 0 ? guest : "frame");
            }
            return (System.nanoTime() - start) / (double) exchanges;
        }
    }
}
