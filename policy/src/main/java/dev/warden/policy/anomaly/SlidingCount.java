package dev.warden.policy.anomaly;

/**
 * A count over a sliding window, in one-second slots (a ring): cheap to add to, exact to the second. Synchronized by
 * its owner.
 */
final class SlidingCount {

    private final int[] slots;
    private final long[] slotSecond;

    SlidingCount(int windowSeconds) {
        slots = new int[Math.max(1, windowSeconds)];
        slotSecond = new long[slots.length];
    }

    /** Adds one at {@code second} (epoch seconds) and returns the count of the window ending then. */
    int add(long second) {
        int i = (int) Math.floorMod(second, (long) slots.length);
        if (slotSecond[i] != second) {
            slotSecond[i] = second;
            slots[i] = 0;
        }
        slots[i]++;
        int total = 0;
        for (int k = 0; k < slots.length; k++) {
            if (second - slotSecond[k] < slots.length) total += slots[k];
        }
        return total;
    }
}
