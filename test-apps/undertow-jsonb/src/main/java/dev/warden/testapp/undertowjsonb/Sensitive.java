package dev.warden.testapp.undertowjsonb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The application's own marker for sensitive properties (Warden knows nothing of it: a policy names it by its
 * simple name in {@code annotations:}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Sensitive {
}
