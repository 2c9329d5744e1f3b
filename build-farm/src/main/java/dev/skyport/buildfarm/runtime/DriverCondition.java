package dev.skyport.buildfarm.runtime;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the configured driver is the one {@link ConditionalOnDriver} names. */
final class DriverCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var attributes = metadata.getAnnotationAttributes(ConditionalOnDriver.class.getName());
        String wanted = attributes == null ? null : (String) attributes.get("value");
        return wanted != null && wanted.equals(RuntimeDrivers.configured(context.getEnvironment()));
    }
}
