package io.polaroid.server.coordinator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/** Beans of a coordinator: on for {@code polaroid.role} coordinator and standalone, off on a worker. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnExpression("'${polaroid.role:standalone}'.toLowerCase() != 'worker'")
public @interface CoordinatorOnly {
}
