package org.tusk.access.index;

/**
 * How an index insertion treats uniqueness (genam.h's IndexUniqueCheck).
 *
 * <ul>
 * <li>{@link #NO}: no check (a non-unique index, or a rebuild that checks elsewhere).</li>
 * <li>{@link #YES}: an equal key of another live row is a 23505 error now, after waiting for
 *     its inserter or deleter if that is still in progress.</li>
 * <li>{@link #PARTIAL}: the index of a DEFERRABLE constraint: the entry goes in whatever is
 *     found; the insertion only reports whether an equal key of a possibly live row exists,
 *     without waiting, so that the caller queues a recheck.</li>
 * <li>{@link #EXISTING}: the recheck (unique_key_recheck): nothing is inserted; the entry of
 *     the given heap TID is already there and is skipped; another live equal key is a 23505
 *     error, after waiting as {@link #YES} does.</li>
 * </ul>
 */
public enum UniqueCheck { NO, YES, PARTIAL, EXISTING }
