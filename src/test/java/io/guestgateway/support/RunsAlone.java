package io.guestgateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that runs in the suite's second surefire execution, one class at a time, after the
 * rest ran in two JVMs at once (pom.xml). For a class that bounds how long something may take with
 * less than twice the time it takes on an idle machine (a neighbour JVM on the same two cores, not the
 * gateway, would break the bound), or that shares files under {@code target/} with another class.
 * Say which in a comment beside the annotation. {@code -Dtest=...} still runs any class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(RunsAlone.TAG)
public @interface RunsAlone {

    /** The JUnit tag surefire selects on; pom.xml names it too. */
    String TAG = "alone";
}
