package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard queries only series docs/metrics.md documents (and so the scrape has). */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/cxone-guest-gateway.json");
    private static final Set<String> NOT_METRICS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    @Test
    void everyQueryUsesDocumentedSeriesAndTheDashboardCoversEachArea() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(15);

        Set<String> used = new TreeSet<>();
        queries.forEach(q -> used.addAll(metricNames(q)));
        for (JsonNode variable : dashboard.at("/templating/list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
            if (m.find()) {
                used.add(m.group(1));
            }
        }
        Set<String> documented = MetricsDoc.read().names();
        assertThat(documented).isNotEmpty();
        assertThat(used).as("series the dashboard queries").isSubsetOf(documented);
        assertThat(used).contains("gateway_ingest_frames_total", "gateway_routing_outcomes_total",
                "gateway_routing_sla_latency_seconds_bucket", "resilience4j_circuitbreaker_state", "gateway_queue_depth",
                "gateway_crm_batches_total", "gateway_crm_records_total", "gateway_websocket_reconnects_total");
        assertThat(queries).anyMatch(q -> q.startsWith("histogram_quantile(0.5, "))
                .anyMatch(q -> q.startsWith("histogram_quantile(0.95, "))
                .anyMatch(q -> q.startsWith("histogram_quantile(0.99, "));
    }

    @Test
    void panelsHaveUniqueIdsAndReadTheChosenDataSource() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel id %s", panel.get("id")).isTrue();
            if (!"row".equals(panel.get("type").asText())) {
                assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText()).isEqualTo("${datasource}");
                assertThat(panel.get("targets")).isNotEmpty();
            }
        }
        assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
    }

    @Test
    void theNameReaderFindsMetricsButNotFunctionsLabelsOrDurations() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(gateway_x_bucket{job=~\"$job\",le!=\"1.0\"}[$__rate_interval])))"))
                .containsExactly("gateway_x_bucket");
        assertThat(metricNames("sum(rate(a_total[5m])) / sum(rate(b_count{q=\"x\"}[5m])) > bool 0.5 or on(instance) c"))
                .containsExactlyInAnyOrder("a_total", "b_count", "c");
    }

    /** Metric names in a PromQL query: what is left once strings, matchers, ranges and groupings are cut. */
    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!NOT_METRICS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
