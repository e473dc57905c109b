package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/** Concurrent throttles anywhere in a route (a branch of a choice, a filter) no longer break its dumps. */
class DumpableThrottlesTest {

    private static RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("throttled")
                        .choice().id("which")
                            .when(header("cap").isEqualTo("concurrent"))
                                .throttle(constant(2)).concurrentRequestsMode().id("cap-in-branch")
                                .setBody(constant("concurrent"))
                            .endChoice()
                            .otherwise()
                                .filter(constant(true))
                                    .throttle(constant(5)).timePeriodMillis(500).id("cap-per-period")
                                .end()
                                .setBody(constant("per-period"))
                        .end();
            }
        };
    }

    @Test
    void withoutItTheDumpFailsOnTheConcurrentThrottle() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(routes());
            RouteDefinition route = ((ModelCamelContext) camel).getRouteDefinition("throttled");
            assertThatThrownBy(() -> PluginHelper.getModelToXMLDumper(camel).dumpModelAsXml(camel, route))
                    .hasMessageContaining("total requests mode");
        }
    }

    @Test
    void withItBothDumpsShowEveryThrottleAndTheRouteStillThrottles() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            ((ModelCamelContext) camel).addModelLifecycleStrategy(new DumpableThrottles());
            camel.addRoutes(routes());
            camel.start();
            RouteDefinition route = ((ModelCamelContext) camel).getRouteDefinition("throttled");

            String xml = PluginHelper.getModelToXMLDumper(camel).dumpModelAsXml(camel, route);
            assertThat(xml).contains("<throttle id=\"cap-in-branch\" mode=\"ConcurrentRequests\">",
                    "<throttle id=\"cap-per-period\" timePeriodMillis=\"500\">");
            String yaml = PluginHelper.getModelToYAMLDumper(camel).dumpModelAsYaml(camel, route);
            assertThat(yaml).contains("id: cap-in-branch", "mode: ConcurrentRequests", "id: cap-per-period",
                    "timePeriodMillis: 500");

            assertThat(camel.createProducerTemplate().requestBodyAndHeader("direct:in", "x", "cap", "concurrent"))
                    .isEqualTo("concurrent");
            assertThat(camel.createProducerTemplate().requestBody("direct:in", "x")).isEqualTo("per-period");
            assertThat(camel.getProcessor("cap-in-branch").getClass().getSimpleName()).isEqualTo("ConcurrentRequestsThrottler");
        }
    }
}
