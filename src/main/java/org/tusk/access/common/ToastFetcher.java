package org.tusk.access.common;

/**
 * toast_fetch_datum's source: reads the saved bytes of an out-of-line value back from the TOAST
 * relation the pointer names (the heap access method implements it; tuple deforming only knows
 * the pointer). Returns exactly {@code pointer.extsize()} bytes: the payload, or for a compressed
 * value its va_tcinfo word followed by the compressed stream.
 */
@FunctionalInterface
public interface ToastFetcher {
    byte[] fetch(ToastPointer pointer);

    /**
     * Told of each value deforming has just detoasted: the Java value made from it, its on-disk
     * TOAST pointer (null for a value compressed inline) and its stored size as toast_datum_size
     * reports it (the external size, or VARSIZE of the compressed datum). Does nothing by default.
     */
    default void detoasted(Object value, ToastPointer pointer, int storedSize) {}

    /** For tuples that cannot hold external values (index tuples, catalogs without TOAST). */
    ToastFetcher NONE = p -> {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.DATA_CORRUPTED,
                "unexpected external TOAST pointer to value " + Integer.toUnsignedString(p.valueId())
                        + " in relation " + Integer.toUnsignedString(p.toastRelid()));
    };
}
