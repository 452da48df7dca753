package org.tusk.utils.adt;

/**
 * A money value (cash.h's {@code Cash}): a signed 64-bit count of the currency's smallest unit
 * (cents in the C locale). Stored as int64, 'd' aligned, by value. A record of its own rather
 * than a Long so that nothing mistakes it for an int8.
 */
public record Cash(long value) implements Comparable<Cash> {
    @Override
    public int compareTo(Cash o) { return Long.compare(value, o.value); }
}
