package io.guestgateway.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder the gateway can write in, or create: it is a writable folder, or the nearest part of
 * its path that exists is one. Checked without creating anything; {@code null} is left to @NotNull.
 * Otherwise the broker, the database or the leader's lock would fail later, naming a path but not the key.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UsableFolder.Validator.class)
public @interface UsableFolder {

    String message() default "must be a folder the gateway can create or write to";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<UsableFolder, Path> {

        @Override
        public boolean isValid(Path value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Path existing = value.toAbsolutePath().normalize();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
        }
    }
}
