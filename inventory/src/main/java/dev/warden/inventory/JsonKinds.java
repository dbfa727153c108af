package dev.warden.inventory;

import java.util.ArrayList;
import java.util.List;

/** The JSON types a value was seen with, as a bit set: one value may be a string in one response and null in another. */
final class JsonKinds {

    static final int OBJECT = 1;
    static final int ARRAY = 2;
    static final int STRING = 4;
    static final int NUMBER = 8;
    static final int BOOLEAN = 16;
    static final int NULL = 32;

    /** JSON Schema's type names, in the order of the bits. */
    private static final String[] NAMES = {"object", "array", "string", "number", "boolean", "null"};

    private JsonKinds() {
    }

    static List<String> names(int kinds) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < NAMES.length; i++) if ((kinds & (1 << i)) != 0) out.add(NAMES[i]);
        return out;
    }

    /** The bit of a JSON Schema type name; "integer" counts as a number; 0 for anything else. */
    static int of(String name) {
        if ("integer".equals(name)) return NUMBER;
        for (int i = 0; i < NAMES.length; i++) if (NAMES[i].equals(name)) return 1 << i;
        return 0;
    }

    static int of(List<String> names) {
        int kinds = 0;
        for (String n : names) kinds |= of(n);
        return kinds;
    }
}
