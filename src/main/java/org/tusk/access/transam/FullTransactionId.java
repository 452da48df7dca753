package org.tusk.access.transam;

/**
 * A 64-bit transaction id (PostgreSQL's FullTransactionId): an epoch counting how often the 32-bit
 * id has wrapped, and the 32-bit id. It never wraps, so plain comparison orders it.
 */
public record FullTransactionId(long value) implements Comparable<FullTransactionId> {
    public static final FullTransactionId INVALID = new FullTransactionId(TransactionId.INVALID);
    public static final FullTransactionId FIRST_NORMAL = new FullTransactionId(TransactionId.FIRST_NORMAL);

    public static FullTransactionId of(int epoch, int xid) {
        return new FullTransactionId(((long) epoch << 32) | Integer.toUnsignedLong(xid));
    }

    public int epoch() {
        return (int) (value >>> 32);
    }

    public int xid() {
        return (int) value;
    }

    public boolean isValid() {
        return value != TransactionId.INVALID;
    }

    public boolean isNormal() {
        return Long.compareUnsigned(value, TransactionId.FIRST_NORMAL) >= 0;
    }

    public boolean precedes(FullTransactionId other) {
        return Long.compareUnsigned(value, other.value) < 0;
    }

    /**
     * FullTransactionIdAdvance: the next id. In epochs after the first, the 32-bit ids 0 to 2 are
     * skipped, so that the 32-bit part of an assigned id is always normal.
     */
    public FullTransactionId next() {
        long v = value + 1;
        if (Long.compareUnsigned(v, TransactionId.FIRST_NORMAL) >= 0) {
            while (Integer.compareUnsigned((int) v, TransactionId.FIRST_NORMAL) < 0) v++;
        }
        return new FullTransactionId(v);
    }

    @Override
    public int compareTo(FullTransactionId o) {
        return Long.compareUnsigned(value, o.value);
    }

    /** As PostgreSQL prints a FullTransactionId (%llu of the 64-bit value). */
    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
