package io.guestgateway.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code crm.instance-timeout} against {@code crm.recovery-interval}: a replica records that it is
 * seen once per recovery interval, so a timeout shorter than a few intervals would have the others
 * take a live replica's batches over (and send them twice). Named by the gateway's key.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CrmReplicaSettings.Validator.class)
public @interface CrmReplicaSettings {

    /** Intervals a replica may miss before it counts as gone. */
    int MIN_INTERVALS = 3;

    String message() default "must be at least " + MIN_INTERVALS + " times crm.recovery-interval";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CrmReplicaSettings, CrmProperties> {

        @Override
        public boolean isValid(CrmProperties crm, ConstraintValidatorContext context) {
            if (crm == null || crm.instanceTimeout() == null || crm.recoveryInterval() == null
                    || crm.instanceTimeout().compareTo(crm.recoveryInterval().multipliedBy(MIN_INTERVALS)) >= 0) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("instanceTimeout").addConstraintViolation();
            return false;
        }
    }
}
