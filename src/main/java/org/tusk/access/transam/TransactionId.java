package org.tusk.access.transam;

/**
 * Transaction ids (PostgreSQL's transam.h and transam.c comparisons): 32-bit unsigned numbers,
 * held in a Java {@code int}, compared modulo 2<sup>32</sup>.
 *
 * <p>Ids 0 to 2 are special and never assigned to a transaction: {@link #INVALID},
 * {@link #BOOTSTRAP} (the transaction that ran initdb; always committed) and {@link #FROZEN}
 * (older than every snapshot; always committed). Normal ids start at {@link #FIRST_NORMAL} and
 * wrap from 2<sup>32</sup>-1 back to 3. Two normal ids compare by the sign of their 32-bit
 * difference, so each id sees the 2<sup>31</sup> ids before it as the past and the rest as the
 * future; special ids compare as plain unsigned numbers, so they precede every normal id.
 */
public final class TransactionId {
    public static final int INVALID = 0;
    public static final int BOOTSTRAP = 1;
    public static final int FROZEN = 2;
    public static final int FIRST_NORMAL = 3;
    /** 2^32 - 1 as an unsigned number. */
    public static final int MAX = 0xFFFFFFFF;

    private TransactionId() {}

    public static boolean isValid(int xid) {
        return xid != INVALID;
    }

    public static boolean isNormal(int xid) {
        return Integer.compareUnsigned(xid, FIRST_NORMAL) >= 0;
    }

    /** TransactionIdPrecedes: is {@code id1} logically before {@code id2}? */
    public static boolean precedes(int id1, int id2) {
        if (!isNormal(id1) || !isNormal(id2)) return Integer.compareUnsigned(id1, id2) < 0;
        return id1 - id2 < 0;
    }

    public static boolean precedesOrEquals(int id1, int id2) {
        if (!isNormal(id1) || !isNormal(id2)) return Integer.compareUnsigned(id1, id2) <= 0;
        return id1 - id2 <= 0;
    }

    public static boolean follows(int id1, int id2) {
        if (!isNormal(id1) || !isNormal(id2)) return Integer.compareUnsigned(id1, id2) > 0;
        return id1 - id2 > 0;
    }

    public static boolean followsOrEquals(int id1, int id2) {
        if (!isNormal(id1) || !isNormal(id2)) return Integer.compareUnsigned(id1, id2) >= 0;
        return id1 - id2 >= 0;
    }

    /** TransactionIdAdvance: the next id, skipping the special ids after a wrap. */
    public static int advance(int xid) {
        int next = xid + 1;
        return isNormal(next) ? next : FIRST_NORMAL;
    }

    /** TransactionIdRetreat: the previous id, skipping the special ids before a wrap. */
    public static int retreat(int xid) {
        int prev = xid - 1;
        return isNormal(prev) ? prev : MAX;
    }

    /** The id as PostgreSQL prints it (%u). */
    public static String toString(int xid) {
        return Integer.toUnsignedString(xid);
    }
}
