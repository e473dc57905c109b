package io.guestgateway.config;

import io.guestgateway.config.GatewayProperties.KubernetesLease;
import io.guestgateway.config.GatewayProperties.Leader;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rules between the Kubernetes Lease keys that camel-kubernetes would otherwise report only
 * when the route starts, under its own names: each problem is named by the gateway's key. A value
 * missing or out of range on its own is left to that key's own constraint.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LeaseSettings.Validator.class)
public @interface LeaseSettings {

    String message() default "Kubernetes Lease settings are inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<LeaseSettings, Leader> {

        private static final String KEY = "gateway.leader.kubernetes.";

        @Override
        public boolean isValid(Leader leader, ConstraintValidatorContext context) {
            KubernetesLease lease = leader == null ? null : leader.kubernetes();
            if (lease == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (lease.leaseDuration() != null && lease.renewDeadline() != null
                    && lease.renewDeadline().compareTo(lease.leaseDuration()) >= 0) {
                valid = problem(context, "renewDeadline", "must be shorter than " + KEY + "lease-duration");
            }
            if (lease.renewDeadline() != null && lease.retryPeriod() != null && lease.jitterFactor() >= 1
                    && lease.renewDeadline().toMillis() <= lease.jitterFactor() * lease.retryPeriod().toMillis()) {
                valid = problem(context, "renewDeadline", "must be longer than " + KEY + "retry-period times "
                        + KEY + "jitter-factor (the longest wait between two renewals)");
            }
            if (lease.podSelector() != null && !lease.podSelector().isBlank() && lease.podLabels() == null) {
                valid = problem(context, "podSelector", "must be labels as key=value, separated by commas");
            }
            if (leader.kind() == Leader.Kind.KUBERNETES_LEASE) {
                if (lease.podName() == null || lease.podName().isBlank()) {
                    valid = problem(context, "podName", "is required with gateway.leader.kind=kubernetes-lease"
                            + " (Kubernetes sets HOSTNAME to the pod's name)");
                }
                if (lease.masterUrl() != null && (lease.namespace() == null || lease.namespace().isBlank())) {
                    valid = problem(context, "namespace", "is required when " + KEY + "master-url is set");
                }
            }
            return valid;
        }

        private static boolean problem(ConstraintValidatorContext context, String component, String message) {
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode("kubernetes").addPropertyNode(component)
                    .addConstraintViolation();
            return false;
        }
    }
}
