package org.tusk.storage.buffer;

/**
 * A ring of buffers for one bulk operation (PostgreSQL's BufferAccessStrategy, BAS_BULKREAD):
 * a sequential scan of a big table reuses its own few buffers instead of sweeping the whole pool.
 * Per process, never shared.
 */
public final class BufferAccessStrategy {
    private final int[] ring;
    private int current = -1;

    /** A ring of {@code size} buffers (PostgreSQL uses 256 kB, 32 buffers, for bulk reads). */
    public BufferAccessStrategy(int size) {
        this.ring = new int[size];
        java.util.Arrays.fill(ring, -1);
    }

    public static BufferAccessStrategy bulkRead() {
        return new BufferAccessStrategy(32);
    }

    /** The ring slot to try next (advancing), or -1 while the ring is still filling. */
    int current() {
        current = (current + 1) % ring.length;
        return ring[current];
    }

    /** A buffer the clock sweep gave us takes the current slot of the ring. */
    void remember(int id) {
        ring[Math.max(current, 0)] = id;
    }
}
