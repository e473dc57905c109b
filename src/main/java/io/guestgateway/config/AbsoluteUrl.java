package io.guestgateway.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.Arrays;

/** An absolute URL with a host and one of the given schemes; {@code null} is left to @NotNull. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AbsoluteUrl.Validator.class)
public @interface AbsoluteUrl {
    String[] schemes();

    String message() default "must be an absolute URL with scheme {schemes} and a host";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AbsoluteUrl, URI> {
        private String[] schemes;

        @Override
        public void initialize(AbsoluteUrl annotation) {
            this.schemes = annotation.schemes();
        }

        @Override
        public boolean isValid(URI value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            return value.isAbsolute() && value.getHost() != null
                    && Arrays.stream(schemes).anyMatch(s -> s.equalsIgnoreCase(value.getScheme()));
        }
    }
}
