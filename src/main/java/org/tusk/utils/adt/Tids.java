package org.tusk.utils.adt;

import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The tid type (PostgreSQL's tid.c): a tuple's address, (block, offset), held as an
 * {@link ItemPointer}; ordered by block, then offset (bttidcmp).
 */
public final class Tids {
    private Tids() {}

    /** tidin: "(block,offset)", block an unsigned 32-bit number, offset an unsigned 16-bit one. */
    public static ItemPointer in(String s) {
        String t = s.strip();
        int comma = t.indexOf(',');
        if (!t.startsWith("(") || !t.endsWith(")") || comma < 0) throw invalid(s);
        try {
            long block = Long.parseLong(t.substring(1, comma).strip());
            long offset = Long.parseLong(t.substring(comma + 1, t.length() - 1).strip());
            // tidin accepts a negative block as its two's complement, as strtoul does
            if (block < Integer.MIN_VALUE || block > 0xFFFFFFFFL || offset < 0 || offset > 0xFFFF) throw invalid(s);
            return new ItemPointer((int) block, (int) offset);
        } catch (NumberFormatException e) {
            throw invalid(s);
        }
    }

    /** tidout: "(block,offset)" with the block unsigned. */
    public static String out(ItemPointer p) {
        return "(" + Integer.toUnsignedString(p.block()) + "," + p.offset() + ")";
    }

    /** bttidcmp. */
    public static int compare(ItemPointer a, ItemPointer b) {
        int c = Integer.compareUnsigned(a.block(), b.block());
        return c != 0 ? c : Integer.compare(a.offset(), b.offset());
    }

    private static PgException invalid(String s) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type tid: \"" + s + "\"");
    }
}
