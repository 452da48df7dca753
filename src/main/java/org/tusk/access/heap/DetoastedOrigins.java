package org.tusk.access.heap;

import org.tusk.access.common.ToastPointer;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each detoasted value object came from: its on-disk TOAST pointer (null for a value that
 * was compressed inline) and its stored size. PostgreSQL keeps a column's value as the stored
 * datum until it is used, which gives it two things Tusk's slots of detoasted Java values lose:
 * <ul>
 * <li>heap_toast_insert_or_update (toast_tuple_init) keeps an UPDATE's unchanged external value
 *     as the very pointer of the old tuple instead of saving it again. Here the same test is made
 *     on object identity: a value object read from pointer P, handed back unchanged for the same
 *     column of the same row, means "P again". A value built anew (even if equal) is saved anew,
 *     as PostgreSQL does for a rebuilt datum.</li>
 * <li>pg_column_size (toast_datum_size) reports the stored size of a toasted value.</li>
 * </ul>
 * Keys are weak and compared by identity, so the map never keeps a value alive and never
 * mistakes an equal value for the same one. One map per process (a backend serves one session at
 * a time; a reused backend's entries only ever match objects of its earlier sessions, which are
 * gone); synchronized because unit tests run several backends' heap code in one JVM.
 */
public final class DetoastedOrigins {
    /** Where a value was read from. */
    public record Origin(ToastPointer pointer, int storedSize) {}

    private static final DetoastedOrigins PROCESS = new DetoastedOrigins();

    private final Map<Key, Origin> origins = new HashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    private DetoastedOrigins() {}

    static DetoastedOrigins process() {
        return PROCESS;
    }

    /**
     * toast_datum_size for a value this process read toasted from a table: its stored size, or
     * -1 if the value object was not read toasted (it was stored plain, or computed).
     */
    public static int storedSize(Object value) {
        Origin o = PROCESS.originOf(value);
        return o == null ? -1 : o.storedSize();
    }

    /** Records that {@code value} was read from a toasted datum. */
    synchronized void remember(Object value, ToastPointer pointer, int storedSize) {
        if (value == null) return;
        expunge();
        origins.put(new Key(value, cleared), new Origin(pointer, storedSize));
    }

    /** The on-disk pointer {@code value} was read from, or null. */
    ToastPointer pointerOf(Object value) {
        Origin o = originOf(value);
        return o == null ? null : o.pointer();
    }

    synchronized Origin originOf(Object value) {
        if (value == null) return null;
        expunge();
        return origins.get(new Key(value, null));
    }

    /** How many live entries there are (for tests). */
    synchronized int size() {
        expunge();
        return origins.size();
    }

    private void expunge() {
        for (Object k; (k = cleared.poll()) != null; ) origins.remove(k);
    }

    /** A weak reference equal to another exactly when both refer to the same live object. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) return true;
            if (!(o instanceof Key k)) return false;
            Object mine = get();
            return mine != null && mine == k.get();
        }
    }
}
