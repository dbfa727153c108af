package dev.warden.policy.mask;

import java.util.Arrays;

/**
 * The path of the value being written or read, kept as a stack while a document streams: a segment is a property
 * name (String) or an array index (Integer). Reused, never copied, on the hot path.
 */
public final class JsonPath {

    private Object[] segments = new Object[16];
    private int depth;

    public int depth() {
        return depth;
    }

    public Object segment(int i) {
        return segments[i];
    }

    public void push(Object segment) {
        if (depth == segments.length) segments = Arrays.copyOf(segments, depth * 2);
        segments[depth++] = segment;
    }

    public void pop() {
        segments[--depth] = null;
    }

    /** Replaces the top segment (the next property name or index at the same level). */
    public void replaceTop(Object segment) {
        segments[depth - 1] = segment;
    }

    public Object top() {
        return segments[depth - 1];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("$");
        for (int i = 0; i < depth; i++) {
            sb.append(segments[i] instanceof Integer n ? "[" + n + "]" : "." + segments[i]);
        }
        return sb.toString();
    }
}
