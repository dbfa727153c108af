package dev.warden.policy.model;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Selection by Java type, for serializer hooks only (they know which object a property belongs to; bytes on the
 * wire do not): {@code javaType} + {@code property} picks one property of one class (or its subclasses), and
 * {@code annotations} picks every property whose field, record component or getter carries an annotation with one
 * of these simple names ({@code Sensitive}, {@code PII}, whatever the application's own annotation is called).
 * Answers are cached per class without holding the class.
 */
public final class TypeSelector {

    private final String javaType;
    private final String property;
    private final List<String> annotations;
    private final ClassValue<Map<String, Boolean>> cache = new ClassValue<>() {
        @Override
        protected Map<String, Boolean> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    public TypeSelector(String javaType, String property, List<String> annotations) {
        this.javaType = javaType;
        this.property = property;
        this.annotations = List.copyOf(annotations);
    }

    /** Whether the property {@code name} of an object of class {@code owner} is selected. */
    public boolean matches(Class<?> owner, String name) {
        if (owner == null) return false;
        return cache.get(owner).computeIfAbsent(name, n -> compute(owner, n));
    }

    private boolean compute(Class<?> owner, String name) {
        try {
            if (javaType != null) return name.equals(property) && isA(owner);
            for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && named(f, f.getName(), name) && annotated(f)) return true;
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) continue;
                    if (named(m, propertyName(m.getName()), name) && annotated(m)) return true;
                    if (c.isRecord() && named(m, m.getName(), name) && annotated(m)) return true;
                }
            }
            return false;
        } catch (RuntimeException | LinkageError e) {
            return false; // a class Warden cannot inspect is not selected by type (place rules still apply)
        }
    }

    private boolean isA(Class<?> owner) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(javaType) || c.getSimpleName().equals(javaType)) return true;
            for (Class<?> i : c.getInterfaces()) if (i.getName().equals(javaType) || i.getSimpleName().equals(javaType)) return true;
        }
        return false;
    }

    /** getFoo / isFoo → foo; anything else as it is. */
    private static String propertyName(String method) {
        String rest = method.startsWith("get") && method.length() > 3 ? method.substring(3)
                : method.startsWith("is") && method.length() > 2 ? method.substring(2) : null;
        if (rest == null) return method;
        return rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
    }

    /** Whether the member is the JSON property {@code name}: by its own name, or renamed by a JsonProperty annotation. */
    private static boolean named(AnnotatedElement member, String memberName, String name) {
        if (memberName.equals(name)) return true;
        for (Annotation a : member.getAnnotations()) {
            if (!a.annotationType().getSimpleName().equals("JsonProperty")) continue;
            try {
                Object v = a.annotationType().getMethod("value").invoke(a);
                if (name.equals(v)) return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not Jackson's: ignore
            }
        }
        return false;
    }

    private boolean annotated(AnnotatedElement member) {
        for (Annotation a : member.getAnnotations()) if (annotations.contains(a.annotationType().getSimpleName())) return true;
        return false;
    }

    @Override
    public String toString() {
        return javaType != null ? javaType + "." + property : "annotations " + annotations;
    }
}
