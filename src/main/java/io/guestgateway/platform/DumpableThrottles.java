package io.guestgateway.platform;

import java.util.List;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.OutputNode;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.ThrottlingMode;

/**
 * Lets Camel 4.17 write our routes back out (the context's XML and YAML dumps behind Hawtio's
 * route diagram and Source tab). Its route writers ask every throttle for its time period, and
 * {@code ThrottleDefinition} answers a {@code ConcurrentRequests} throttle with an exception, so
 * one such throttle failed the dump of every route. As each route definition is added, this swaps
 * each concurrent throttle for a copy that answers "no period" instead; the copy runs the same
 * Throttle EIP (Camel picks the throttle's reifier by type).
 */
public final class DumpableThrottles implements ModelLifecycleStrategy {

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        visit(route);
    }

    private static void visit(Object node) {
        if (node instanceof ChoiceDefinition choice) {
            // its getOutputs() is a flattened copy: visit the branches, whose lists are the real ones
            choice.getWhenClauses().forEach(DumpableThrottles::visit);
            if (choice.getOtherwise() != null) {
                visit(choice.getOtherwise());
            }
            return;
        }
        if (!(node instanceof OutputNode parent)) {
            return;
        }
        List<ProcessorDefinition<?>> outputs = parent.getOutputs();
        for (int i = 0; outputs != null && i < outputs.size(); i++) {
            ProcessorDefinition<?> output = outputs.get(i);
            if (output instanceof org.apache.camel.model.ThrottleDefinition throttle
                    && !(throttle instanceof ThrottleDefinition) && isConcurrent(throttle)) {
                outputs.set(i, new ThrottleDefinition(throttle)); // the copy keeps id, parent and place
            } else {
                visit(output);
            }
        }
    }

    private static boolean isConcurrent(org.apache.camel.model.ThrottleDefinition throttle) {
        return ThrottlingMode.toMode(throttle.getMode()) == ThrottlingMode.ConcurrentRequests;
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
        // nothing kept per route
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
        // templates are not used here
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
        // templates are not used here
    }

    /**
     * A concurrent throttle that has no time period to write. Camel's writers choose how to write a
     * node by its class's simple name, so this one keeps the name of the class it stands in for.
     */
    public static final class ThrottleDefinition extends org.apache.camel.model.ThrottleDefinition {

        ThrottleDefinition(org.apache.camel.model.ThrottleDefinition source) {
            super(source);
        }

        @Override
        public String getTimePeriodMillis() {
            return ThrottlingMode.toMode(getMode()) == ThrottlingMode.TotalRequests ? super.getTimePeriodMillis() : null;
        }

        @Override
        public ThrottleDefinition copyDefinition() {
            return new ThrottleDefinition(this);
        }
    }
}
