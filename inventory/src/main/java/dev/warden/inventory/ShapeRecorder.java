package dev.warden.inventory;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records the events of one JSON document (or several in a row) into a {@link Shape}: which places exist, with which
 * types, and which sensitive categories their values hold. Values themselves are never kept. Bounded: past
 * {@link #MAX_DEPTH} levels nothing deeper is recorded, and past {@link #MAX_CHARS} characters of names and values the
 * recorder stops and marks the shape truncated (a sampled response costs at most that much reading).
 */
final class ShapeRecorder implements JsonEvents {

    static final int MAX_DEPTH = 64;
    static final long MAX_CHARS = 4L << 20;

    private final Shape shape;
    /** The open containers' places (null: not recorded, too deep or past the shape's budget). */
    private Shape.Node[] open = new Shape.Node[8];
    private boolean[] isArray = new boolean[8];
    private int depth;
    /** The member name just read (already made safe to keep), or null. */
    private String pending;
    private long chars;
    private boolean stopped;

    ShapeRecorder(Shape shape) {
        this.shape = shape;
    }

    /** Starts a new document: whatever was left open by the previous one is forgotten. */
    void restart() {
        depth = 0;
        pending = null;
    }

    @Override
    public void startObject() {
        push(value(JsonKinds.OBJECT), false);
    }

    @Override
    public void startArray() {
        push(value(JsonKinds.ARRAY), true);
    }

    @Override
    public void end() {
        if (stopped) return;
        pending = null;
        if (depth > 0) depth--;
    }

    @Override
    public void name(String name) {
        if (stopped || !spend(name.length())) return;
        pending = safeName(name);
    }

    @Override
    public void string(String value) {
        if (stopped || !spend(value.length())) return;
        Shape.Node node = value(JsonKinds.STRING);
        if (node != null) node.categories(Categories.of(value));
    }

    @Override
    public void number(String text) {
        if (stopped || !spend(text.length())) return;
        Shape.Node node = value(JsonKinds.NUMBER);
        // a card number may be written as a JSON number
        if (node != null && text.length() >= 12) node.categories(Categories.of(text));
    }

    @Override
    public void literal(String text) {
        if (stopped || !spend(1)) return;
        value("null".equals(text) ? JsonKinds.NULL : JsonKinds.BOOLEAN);
    }

    /** Stops recording (the rest of the document is not read) and says so in the shape. */
    void stop() {
        if (!stopped) shape.truncate();
        stopped = true;
    }

    /** The place of the value starting now, marked with its kind; null when it is not recorded. */
    private Shape.Node value(int kind) {
        if (stopped) return null;
        Shape.Node node;
        if (depth == 0) {
            node = shape.root();
        } else {
            Shape.Node container = open[depth - 1];
            if (container == null) {
                node = null;
            } else if (isArray[depth - 1]) {
                node = container.items();
            } else {
                node = pending == null ? null : container.member(pending);
            }
        }
        pending = null;
        if (node != null) node.kinds |= kind;
        return node;
    }

    private void push(Shape.Node node, boolean array) {
        if (stopped) return;
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
            isArray = Arrays.copyOf(isArray, depth * 2);
        }
        open[depth] = depth < MAX_DEPTH ? node : null;
        isArray[depth] = array;
        depth++;
    }

    private boolean spend(int n) {
        chars += n + 1;
        if (chars <= MAX_CHARS) return true;
        stop();
        return false;
    }

    /**
     * A member name as it may be kept: one that is itself sensitive (a map keyed by e-mail addresses or card
     * numbers) is replaced by its category in braces, so the inventory never holds the value.
     */
    static String safeName(String name) {
        Set<String> found = new TreeSet<>();
        if (!Categories.find(name, found)) {
            return name.length() <= 128 ? name : name.substring(0, 128) + "...";
        }
        return "{" + String.join(",", found) + "}";
    }
}
