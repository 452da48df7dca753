package org.tusk.storage.buffer;

import java.util.Arrays;

/**
 * A backend-private map from buffer id (0-based) to a small positive int: how many times this
 * process has pinned the buffer (bufmgr.c's PrivateRefCount) or the mode of the content lock it
 * holds on it. Every buffer access consults it, and a process has only a few buffers pinned or
 * locked at a time, so it is an open-addressing table of primitive ints (linear probing, deletion
 * by shifting back), where a {@code HashMap<Integer, Integer>} boxed a key and a value on every
 * pin: bufmgr.c keeps its refcounts in an 8-entry array with a hash table for overflow for the
 * same reason. Zero means "absent"; storing zero removes the entry.
 *
 * <p>Not thread-safe: one per process, like the state it replaces.
 */
final class PrivateBufferMap {
    private static final int EMPTY = -1;
    private int[] keys;
    private int[] values;
    private int size;

    PrivateBufferMap() {
        keys = new int[16];
        values = new int[16];
        Arrays.fill(keys, EMPTY);
    }

    /** The value for {@code id}, 0 if absent. */
    int get(int id) {
        int mask = keys.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == id) return values[i];
            if (k == EMPTY) return 0;
        }
    }

    boolean contains(int id) {
        return get(id) != 0;
    }

    /** Sets {@code id}'s value; 0 removes it. Returns the previous value (0 if absent). */
    int put(int id, int value) {
        if (id < 0) throw new IllegalArgumentException("buffer id " + id);
        int mask = keys.length - 1;
        int i = slot(id, mask);
        for (; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == id) {
                int old = values[i];
                if (value != 0) values[i] = value;
                else removeAt(i);
                return old;
            }
            if (k == EMPTY) break;
        }
        if (value == 0) return 0;
        keys[i] = id;
        values[i] = value;
        if (++size * 2 > keys.length) grow();
        return 0;
    }

    /** Removes {@code id}; returns its value (0 if absent). */
    int remove(int id) {
        return put(id, 0);
    }

    int size() {
        return size;
    }

    /** Calls {@code action} with each (id, value); the map must not change meanwhile. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) if (keys[i] != EMPTY) action.accept(keys[i], values[i]);
    }

    /** What {@link #forEach} calls with each entry. */
    @FunctionalInterface
    interface Entry {
        void accept(int id, int value);
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private static int slot(int id, int mask) {
        return (id * 0x9E3779B9) >>> 7 & mask;
    }

    /** Backward-shift deletion: later members of the probe run move up so that no lookup stops early. */
    private void removeAt(int hole) {
        int mask = keys.length - 1;
        size--;
        for (int j = (hole + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            // keys[j] may fill the hole if its home slot is not cyclically in (hole, j]
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != EMPTY) put(oldKeys[i], oldValues[i]);
    }
}
