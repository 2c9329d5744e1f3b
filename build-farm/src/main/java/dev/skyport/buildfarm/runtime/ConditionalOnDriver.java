package dev.skyport.buildfarm.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Loads a bean only for the driver that {@code skyport.build-farm.runtime.driver} names, so another
 * driver's clients (docker-java, fabric8) never start.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(DriverCondition.class)
public @interface ConditionalOnDriver {

    /** The driver's name, e.g. {@link RuntimeDrivers#DOCKER}. */
    String value();
}
