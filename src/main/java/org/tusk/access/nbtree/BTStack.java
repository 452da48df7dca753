package org.tusk.access.nbtree;

/**
 * BTStackData: the path a descent took, one entry per internal level, leaf's parent first. The
 * block and offset are only hints once the locks are gone: _bt_getstackbuf re-finds the downlink
 * and updates them.
 */
final class BTStack {
    int blkno;
    int offset;
    final BTStack parent;

    BTStack(int blkno, int offset, BTStack parent) {
        this.blkno = blkno;
        this.offset = offset;
        this.parent = parent;
    }
}
