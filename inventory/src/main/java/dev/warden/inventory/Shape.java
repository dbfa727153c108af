package dev.warden.inventory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON shape of an endpoint's responses as far as they were sampled: a tree of the member names and array items
 * seen, each with the JSON types it had and the sensitive categories found in its values. Bounded: past
 * {@link #MAX_NODES} places, new ones are not kept and the shape says it is truncated. Not thread-safe: one response
 * fills one shape; the inventory merges it into the endpoint's under the endpoint's lock.
 */
final class Shape {

    /** Places (members and items, at any depth) kept per shape. */
    static final int MAX_NODES = 256;

    private final Node root = new Node();
    private int nodes = 1;
    private boolean truncated;

    /** One place in the document: "$", "$.card", "$.card.number", "$[*]"... */
    final class Node {
        int kinds;
        Set<String> categories;
        Map<String, Node> members;
        Node items;

        /** The member {@code name} of this object, created when the budget allows; null past it. */
        Node member(String name) {
            Node n = members == null ? null : members.get(name);
            if (n != null) return n;
            if (!reserve()) return null;
            if (members == null) members = new LinkedHashMap<>();
            n = new Node();
            members.put(name, n);
            return n;
        }

        /** The elements of this array (one place for all of them). */
        Node items() {
            if (items == null && reserve()) items = new Node();
            return items;
        }

        void category(String category) {
            if (categories == null) categories = new TreeSet<>();
            categories.add(category);
        }

        void categories(Set<String> found) {
            if (found.isEmpty()) return;
            if (categories == null) categories = new TreeSet<>();
            categories.addAll(found);
        }
    }

    Node root() {
        return root;
    }

    private boolean reserve() {
        if (nodes >= MAX_NODES) {
            truncated = true;
            return false;
        }
        nodes++;
        return true;
    }

    /** Some places were not kept (too many), or a body was read only in part. */
    boolean truncated() {
        return truncated;
    }

    void truncate() {
        truncated = true;
    }

    boolean isEmpty() {
        return root.kinds == 0;
    }

    /** Adds everything {@code other} saw to this shape (within this shape's budget). */
    void merge(Shape other) {
        merge(root, other.root);
        if (other.truncated) truncated = true;
    }

    private void merge(Node into, Node from) {
        into.kinds |= from.kinds;
        if (from.categories != null) into.categories(from.categories);
        if (from.members != null) {
            for (Map.Entry<String, Node> e : from.members.entrySet()) {
                Node target = into.member(e.getKey());
                if (target != null) merge(target, e.getValue());
            }
        }
        if (from.items != null) {
            Node target = into.items();
            if (target != null) merge(target, from.items);
        }
    }

    /** Every sensitive category found anywhere in the shape. */
    Set<String> allCategories() {
        Set<String> out = new TreeSet<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, Set<String> out) {
        if (n.categories != null) out.addAll(n.categories);
        if (n.members != null) for (Node child : n.members.values()) collect(child, out);
        if (n.items != null) collect(n.items, out);
    }

    /** An immutable copy for the exports. */
    ShapeView view() {
        return new ShapeView(view(root), truncated);
    }

    private static ShapeView.Node view(Node n) {
        Map<String, ShapeView.Node> members = new LinkedHashMap<>();
        if (n.members != null) n.members.forEach((name, child) -> members.put(name, view(child)));
        return new ShapeView.Node(n.kinds, n.categories == null ? Set.of() : n.categories, members,
                n.items == null ? null : view(n.items));
    }
}
