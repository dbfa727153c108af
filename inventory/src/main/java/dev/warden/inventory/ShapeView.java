package dev.warden.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON shape of an endpoint's responses of one status, as exported: member names and array items with their
 * JSON types and the sensitive categories found in their values.
 *
 * @param root      the document's place ({@code $})
 * @param truncated some places were not kept (too many) or a sampled body was read only in part
 */
public record ShapeView(Node root, boolean truncated) {

    /**
     * One place of the document.
     *
     * @param kinds      the JSON types seen here (a {@link JsonKinds} bit set)
     * @param categories the sensitive categories found in values here (pan, email, ssn...)
     * @param members    an object's members by name, in the order first seen
     * @param items      an array's elements (one place for all of them), or null
     */
    public record Node(int kinds, Set<String> categories, Map<String, Node> members, Node items) {

        public Node {
            categories = Collections.unmodifiableSet(new TreeSet<>(categories));
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public List<String> types() {
            return JsonKinds.names(kinds);
        }
    }

    /**
     * One place, flattened for tables and comparisons.
     *
     * @param path       in the policy's selector syntax: {@code $.card.number}, {@code $[*].email}, {@code $['a b']}
     * @param types      the JSON types seen there
     * @param categories the sensitive categories found there
     */
    public record Field(String path, List<String> types, Set<String> categories) {
    }

    /** Every place below the root (the root too when it held a scalar), depth first, in the order first seen. */
    public List<Field> fields() {
        List<Field> out = new ArrayList<>();
        if ((root.kinds & ~(JsonKinds.OBJECT | JsonKinds.ARRAY)) != 0 || !root.categories.isEmpty()) {
            out.add(new Field("$", root.types(), root.categories));
        }
        walk("$", root, out);
        return out;
    }

    private static void walk(String path, Node node, List<Field> out) {
        for (Map.Entry<String, Node> e : node.members.entrySet()) {
            String p = path + FieldPaths.member(e.getKey());
            out.add(new Field(p, e.getValue().types(), e.getValue().categories));
            walk(p, e.getValue(), out);
        }
        if (node.items != null) {
            String p = path + "[*]";
            if ((node.items.kinds & ~(JsonKinds.OBJECT | JsonKinds.ARRAY)) != 0 || !node.items.categories.isEmpty()) {
                out.add(new Field(p, node.items.types(), node.items.categories));
            }
            walk(p, node.items, out);
        }
    }

    /** The places where sensitive data was found: path to categories. */
    public Map<String, Set<String>> sensitive() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Field f : fields()) if (!f.categories().isEmpty()) out.put(f.path(), f.categories());
        return out;
    }
}
