package dev.warden.inventory;

/** Field paths in the policy's selector syntax, so that a path from the inventory can be pasted into a rule. */
final class FieldPaths {

    private FieldPaths() {
    }

    /** {@code .name} for a plain name, {@code ['any name']} otherwise. */
    static String member(String name) {
        if (plain(name)) return "." + name;
        // the selector syntax has no escapes: a name is quoted with whichever quote it does not contain
        return name.indexOf('\'') < 0 ? "['" + name + "']" : "[\"" + name + "\"]";
    }

    private static boolean plain(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '-' && i > 0
                    || c >= '0' && c <= '9' && i > 0;
            if (!ok) return false;
        }
        return true;
    }
}
