package dev.warden.policy.mask;

import java.util.Arrays;

/**
 * The path of the value being written or read, kept as a stack while a document streams: a segment is a property
 * name (String) or an array index (Integer). Reused, never copied, on the hot path: an index is kept as an int and
 * boxed only when a selector asks for it, and a name may be kept as its {@link Place}, read only when asked for.
 */
public final class JsonPath {

    /** Stands for "the index in {@link #indexes}" in {@link #segments}. */
    private static final Object INDEX = new Object();

    private Object[] segments = new Object[16];
    private int[] indexes = new int[16];
    private int depth;

    public int depth() {
        return depth;
    }

    public Object segment(int i) {
        Object s = segments[i];
        if (s == INDEX) return Integer.valueOf(indexes[i]);
        return s instanceof Place p ? p.name : s;
    }

    public void push(Object segment) {
        if (depth == segments.length) {
            segments = Arrays.copyOf(segments, depth * 2);
            indexes = Arrays.copyOf(indexes, depth * 2);
        }
        segments[depth++] = segment;
    }

    public void pop() {
        segments[--depth] = null;
    }

    /** Replaces the top segment (the next property name or index at the same level). */
    public void replaceTop(Object segment) {
        segments[depth - 1] = segment;
    }

    /** Replaces the top segment with a member's place, which stands for its name (read only when asked for). */
    void replaceTop(Place member) {
        segments[depth - 1] = member;
    }

    /** Sets segment {@code i} to a member's place (standing for its name). */
    void set(int i, Place member) {
        segments[i] = member;
    }

    /** Sets segment {@code i} to an array index. */
    void set(int i, int index) {
        segments[i] = INDEX;
        indexes[i] = index;
    }

    /** Replaces the top segment with an array index. */
    public void replaceTop(int index) {
        segments[depth - 1] = INDEX;
        indexes[depth - 1] = index;
    }

    public Object top() {
        return segment(depth - 1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("$");
        for (int i = 0; i < depth; i++) {
            Object s = segment(i);
            sb.append(s instanceof Integer n ? "[" + n + "]" : "." + s);
        }
        return sb.toString();
    }
}
