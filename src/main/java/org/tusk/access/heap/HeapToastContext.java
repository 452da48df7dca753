package org.tusk.access.heap;

import org.tusk.access.common.ToastFetcher;

/**
 * The heap access method's TOAST state in one backend: the TOAST relation code once the session
 * has wired it ({@link HeapAm#setToastAccess}; until then, and in processes without a relcache,
 * nothing is moved out of line and external values cannot be read), and the origins of the
 * values it detoasted (for reusing unchanged pointers on UPDATE). Backend-local.
 */
final class HeapToastContext {
    private ToastInternals internals;
    private final DetoastedOrigins origins = DetoastedOrigins.process();

    void install(ToastInternals internals) {
        this.internals = internals;
    }

    /** The TOAST relation code, or null when not wired. */
    ToastInternals internals() {
        return internals;
    }

    DetoastedOrigins origins() {
        return origins;
    }

    /**
     * toast_fetch_datum (or {@link ToastFetcher#NONE} when not wired), remembering the origin of
     * every value it detoasts, compressed inline ones included.
     */
    ToastFetcher fetcher() {
        ToastFetcher fetch = internals == null ? ToastFetcher.NONE : internals.fetcher();
        return new ToastFetcher() {
            @Override public byte[] fetch(org.tusk.access.common.ToastPointer pointer) {
                return fetch.fetch(pointer);
            }
            @Override public void detoasted(Object value, org.tusk.access.common.ToastPointer pointer, int storedSize) {
                origins.remember(value, pointer, storedSize);
            }
        };
    }
}
