package dev.warden.runtime;

import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Sees through the wrappers frameworks put around a response stream (Spring's non-closing and lifecycle streams,
 * buffered streams...) to the stream they write to, so that a serializer hook can tell whether its generator writes
 * to a guarded response or somewhere else entirely (a buffer, a file), which it must leave alone.
 *
 * <p>A wrapper is followed when it is a {@link FilterOutputStream} or when its class declares exactly one
 * {@link OutputStream} field: with two (a tee), or none, the chain ends and the answer is "not a response".
 */
final class StreamUnwrapper {

    private static final ClassValue<Field> TARGET_FIELD = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            Field found = null;
            for (Class<?> c = type; c != null && c != OutputStream.class && c != Object.class; c = c.getSuperclass()) {
                if (c.getName().startsWith("java.")) return null;
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || !OutputStream.class.isAssignableFrom(f.getType())) continue;
                    if (found != null) return null;
                    found = f;
                }
            }
            if (found == null) return null;
            try {
                found.setAccessible(true);
                return found;
            } catch (RuntimeException e) {
                return null;
            }
        }
    };

    private StreamUnwrapper() {
    }

    /** The stream {@code stream} writes to, or null when it is not a wrapper Warden can see through. */
    static OutputStream next(OutputStream stream) {
        Field f = TARGET_FIELD.get(stream.getClass());
        if (f != null) {
            try {
                return (OutputStream) f.get(stream);
            } catch (IllegalAccessException | RuntimeException e) {
                return null;
            }
        }
        return stream instanceof FilterOutputStream filter ? ModuleAccess.unwrap(filter) : null;
    }
}
