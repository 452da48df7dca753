package org.tusk.storage.page;

/**
 * ItemPointerData (itemptr.h): the address of an item, a block number and an offset number. On
 * disk it is six bytes, the block number split into two uint16 halves (bi_hi, bi_lo) so that
 * the struct needs only 2-byte alignment.
 *
 * @param block  a uint32 block number ({@link #INVALID_BLOCK_NUMBER} is 0xFFFFFFFF)
 * @param offset a uint16 offset number, 1-based; 0 is invalid
 */
public record ItemPointer(int block, int offset) implements Comparable<ItemPointer> {
    /** InvalidBlockNumber. */
    public static final int INVALID_BLOCK_NUMBER = 0xFFFFFFFF;
    /** ItemPointerSetInvalid: block InvalidBlockNumber, offset InvalidOffsetNumber. */
    public static final ItemPointer INVALID = new ItemPointer(INVALID_BLOCK_NUMBER, Page.INVALID_OFFSET_NUMBER);

    public ItemPointer {
        if (offset < 0 || offset > 0xFFFF) throw new IllegalArgumentException("offset number out of range: " + offset);
    }

    public boolean isValid() {
        return offset != Page.INVALID_OFFSET_NUMBER;
    }

    /** ItemPointerCompare (tid's btree order): block numbers unsigned, then offset numbers. */
    @Override
    public int compareTo(ItemPointer o) {
        int c = Integer.compareUnsigned(block, o.block);
        return c != 0 ? c : Integer.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return "(" + Integer.toUnsignedString(block) + "," + offset + ")";
    }
}
