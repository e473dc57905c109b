package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Skipped frames (tagged with their kind) reach the Prometheus scrape next to the other outcomes. */
class IngestFrameTagsTest {

    @Test
    void withoutTheFilterPrometheusRefusesTheSkippedSeries() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        countAsTheIngestRouteDoes(registry);
        assertThat(registry.scrape()).contains("outcome=\"accepted\"").doesNotContain("outcome=\"skipped\"");
    }

    @Test
    void withItEveryOutcomeIsScrapedWithAKind() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new IngestFrameTags());
        countAsTheIngestRouteDoes(registry);
        assertThat(registry.scrape())
                .contains("gateway_ingest_frames_total{kind=\"message-inbound\",outcome=\"accepted\"} 1.0")
                .contains("gateway_ingest_frames_total{kind=\"message-inbound\",outcome=\"blocked\"} 1.0")
                .contains("gateway_ingest_frames_total{kind=\"invalid\",outcome=\"rejected\"} 1.0")
                .contains("gateway_ingest_frames_total{kind=\"typing\",outcome=\"skipped\"} 2.0");
    }

    private static void countAsTheIngestRouteDoes(PrometheusMeterRegistry registry) {
        Counter.builder("gateway.ingest.frames").tag("outcome", "accepted").register(registry).increment();
        Counter.builder("gateway.ingest.frames").tag("outcome", "skipped").tag("kind", "typing").register(registry).increment(2);
        Counter.builder("gateway.ingest.frames").tag("outcome", "blocked").register(registry).increment();
        Counter.builder("gateway.ingest.frames").tag("outcome", "rejected").register(registry).increment();
    }
}
