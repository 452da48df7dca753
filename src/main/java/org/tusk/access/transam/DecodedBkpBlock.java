package org.tusk.access.transam;

import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;

import java.lang.foreign.MemorySegment;

/**
 * One decoded block reference of a record (xlogreader.h's DecodedBkpBlock).
 *
 * @param image      the page image as stored, without its hole, or null when there is none
 * @param holeOffset where the omitted hole starts in the page (0 without a hole)
 * @param holeLength length of the hole ({@code BLCKSZ - image length} for an uncompressed image)
 * @param bimgInfo   the image header's flag bits
 * @param data       the block's registered data, empty when there is none
 */
public record DecodedBkpBlock(int blockId, RelFileLocator locator, ForkNumber fork, int blockNo, int flags,
                              MemorySegment image, int holeOffset, int holeLength, int bimgInfo,
                              MemorySegment data) {
    public boolean hasImage() {
        return image != null;
    }

    /** Whether redo should restore the image (BKPIMAGE_APPLY). */
    public boolean applyImage() {
        return image != null && (bimgInfo & XLogRecord.BKPIMAGE_APPLY) != 0;
    }

    public boolean hasData() {
        return (flags & XLogRecord.BKPBLOCK_HAS_DATA) != 0;
    }

    public boolean willInit() {
        return (flags & XLogRecord.BKPBLOCK_WILL_INIT) != 0;
    }

    /** RestoreBlockImage: writes the full page into {@code page}, the hole as zeros. */
    public void restoreImage(MemorySegment page) {
        if (image == null) throw new IllegalStateException("block " + blockId + " has no image");
        MemorySegment.copy(image, 0, page, 0, holeOffset);
        page.asSlice(holeOffset, holeLength).fill((byte) 0);
        MemorySegment.copy(image, holeOffset, page, holeOffset + holeLength, image.byteSize() - holeOffset);
    }
}
