package org.tusk.access.hash;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

import org.tusk.storage.page.Page;

/**
 * HashPageOpaqueData (hash.h): the 16-byte special space of every hash index page but the
 * metapage's contents.
 *
 * <pre>
 *  0  hasho_prevblkno  BlockNumber  previous page of the bucket chain; on a primary bucket page,
 *                                   hashm_maxbucket as of the bucket's last split (a scan or an
 *                                   insert that computed its bucket from an older metapage sees
 *                                   a larger number there and starts again)
 *  4  hasho_nextblkno  BlockNumber  next overflow page of the chain (InvalidBlockNumber at its end)
 *  8  hasho_bucket     Bucket       the bucket the page belongs to (-1 on a bitmap page)
 * 12  hasho_flag       uint16       LH_* page type and bucket state bits
 * 14  hasho_page_id    uint16       HASHO_PAGE_ID (0xFF80), for pg_filedump
 * </pre>
 */
final class HashPageOpaque {
    private HashPageOpaque() {}

    static final int SIZE = 16;
    static final int LH_UNUSED_PAGE = 0, LH_OVERFLOW_PAGE = 1 << 0, LH_BUCKET_PAGE = 1 << 1, LH_BITMAP_PAGE = 1 << 2,
            LH_META_PAGE = 1 << 3, LH_BUCKET_BEING_POPULATED = 1 << 4, LH_BUCKET_BEING_SPLIT = 1 << 5,
            LH_BUCKET_NEEDS_SPLIT_CLEANUP = 1 << 6, LH_PAGE_HAS_DEAD_TUPLES = 1 << 7;
    /** LH_PAGE_TYPE: the page-type bits. */
    static final int LH_PAGE_TYPE = LH_OVERFLOW_PAGE | LH_BUCKET_PAGE | LH_BITMAP_PAGE | LH_META_PAGE;
    static final int HASHO_PAGE_ID = 0xFF80;
    static final int INVALID_BLOCK = 0xFFFFFFFF;

    private static MemorySegment special(MemorySegment page) {
        return Page.special(page);
    }

    /** _hash_pageinit and the opaque fields set as the callers of it do. */
    static void init(MemorySegment page, int prev, int next, int bucket, int flags) {
        Page.init(page, SIZE);
        MemorySegment s = special(page);
        s.set(JAVA_INT, 0, prev);
        s.set(JAVA_INT, 4, next);
        s.set(JAVA_INT, 8, bucket);
        s.set(JAVA_SHORT, 12, (short) flags);
        s.set(JAVA_SHORT, 14, (short) HASHO_PAGE_ID);
    }

    static int prev(MemorySegment page) { return special(page).get(JAVA_INT, 0); }

    static void setPrev(MemorySegment page, int blkno) { special(page).set(JAVA_INT, 0, blkno); }

    static int next(MemorySegment page) { return special(page).get(JAVA_INT, 4); }

    static void setNext(MemorySegment page, int blkno) { special(page).set(JAVA_INT, 4, blkno); }

    static int bucket(MemorySegment page) { return special(page).get(JAVA_INT, 8); }

    static int flags(MemorySegment page) { return special(page).get(JAVA_SHORT, 12) & 0xFFFF; }

    static void setFlags(MemorySegment page, int flags) { special(page).set(JAVA_SHORT, 12, (short) flags); }

    static boolean has(MemorySegment page, int flag) { return (flags(page) & flag) != 0; }

    static void set(MemorySegment page, int flag) { setFlags(page, flags(page) | flag); }

    static void clear(MemorySegment page, int flag) { setFlags(page, flags(page) & ~flag); }

    /** _hash_checkpage's test: an initialized page with a hash special space. */
    static boolean isHashPage(MemorySegment page) {
        return !Page.isNew(page) && Page.specialSize(page) == SIZE
                && (special(page).get(JAVA_SHORT, 14) & 0xFFFF) == HASHO_PAGE_ID;
    }
}
