package dev.warden.bootstrap;

/**
 * The masking decisions for one document, event by event, for serializer hooks (JDK types only). Each method
 * answers {@link #EMIT} (write the event unchanged), {@link #SKIP} (write nothing) or {@link #REPLACE} (write the
 * string {@link #replacement()} instead of the value). A property name may be answered {@link #DEFER}: hold it back
 * and write it just before its value, unless the value's answer is SKIP (then neither is written).
 */
public interface JsonMaskCursor {

    int EMIT = 0;
    int SKIP = 1;
    int REPLACE = 2;
    int DEFER = 3;

    int field(String name);

    /** A property name with the class of the object it belongs to (rules may select by Java type). */
    default int field(String name, Class<?> owner) {
        return field(name);
    }

    int startObject();

    int startArray();

    int endContainer();

    int string(String value);

    int number(String text);

    int literal(String text);

    String replacement();
}
