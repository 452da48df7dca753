package org.tusk.storage.smgr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storage manager with 4-block segments, so a few blocks cross several segment files. */
class StorageManagerTest {
    private static final int SEG = 4;
    private static final RelFileLocator REL = RelFileLocator.inDefaultTablespace(5, 16384);

    @TempDir
    Path dataDir;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
    private final List<String> requests = new ArrayList<>();
    private final List<StorageManager> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(StorageManager::close);
        arena.close();
    }

    private StorageManager smgr(int maxOpen, boolean unlinkLater) {
        StorageManager s = new StorageManager(dataDir, SEG, maxOpen, new SyncRequestHook() {
            @Override public boolean dirtySegment(RelFileLocator rl, ForkNumber fork, int segno) {
                requests.add("dirty " + RelPath.segment(rl, fork, segno));
                return true;
            }
            @Override public void forgetSegment(RelFileLocator rl, ForkNumber fork, int segno) {
                requests.add("forget " + RelPath.segment(rl, fork, segno));
            }
            @Override public boolean unlinkAfterCheckpoint(RelFileLocator rl) {
                requests.add("unlink later " + RelPath.of(rl, ForkNumber.MAIN));
                return unlinkLater;
            }
        });
        opened.add(s);
        return s;
    }

    private StorageManager smgr() {
        return smgr(StorageManager.DEFAULT_MAX_OPEN_FILES, false);
    }

    /** An initialised page carrying {@code tag} in pd_prune_xid and in its last word. */
    private MemorySegment pageTagged(int tag) {
        Page.init(page, 0);
        PageHeader.setPruneXid(page, tag);
        page.set(JAVA_INT, Page.BLCKSZ - 4, tag);
        return page;
    }

    private int tagOf(MemorySegment p) {
        assertEquals(PageHeader.pruneXid(p), p.get(JAVA_INT, Page.BLCKSZ - 4));
        return PageHeader.pruneXid(p);
    }

    private long size(String rel) throws IOException {
        return Files.size(dataDir.resolve(rel));
    }

    private void extendTo(StorageManager s, int n) {
        for (int b = s.nblocks(REL, ForkNumber.MAIN); b < n; b++) s.extend(REL, ForkNumber.MAIN, b, pageTagged(1000 + b), false);
    }

    @Test
    void filesAreNamedAsPostgresNamesThem() {
        assertEquals("base/5/16384", RelPath.of(REL, ForkNumber.MAIN));
        assertEquals("base/5/16384_fsm", RelPath.of(REL, ForkNumber.FSM));
        assertEquals("base/5/16384_vm.3", RelPath.segment(REL, ForkNumber.VM, 3));
        assertEquals("base/5/16384_init", RelPath.of(REL, ForkNumber.INIT));
        assertEquals("global/1262", RelPath.of(RelFileLocator.shared(1262), ForkNumber.MAIN));
        assertEquals("pg_tblspc/16400/PG_15_202209061/5/16384.1", RelPath.segment(new RelFileLocator(16400, 5, 16384), ForkNumber.MAIN, 1));
        assertEquals("base/4294967295/4294967294", RelPath.of(RelFileLocator.inDefaultTablespace(-1, -2), ForkNumber.MAIN));
        assertThrows(IllegalArgumentException.class, () -> new RelFileLocator(RelFileLocator.DEFAULTTABLESPACE_OID, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RelFileLocator(RelFileLocator.GLOBALTABLESPACE_OID, 5, 1));
    }

    @Test
    void createExistsAndDuplicates() throws IOException {
        StorageManager s = smgr();
        assertFalse(s.exists(REL, ForkNumber.MAIN));
        s.create(REL, ForkNumber.MAIN, false);
        s.create(REL, ForkNumber.FSM, false);
        assertTrue(s.exists(REL, ForkNumber.MAIN));
        assertTrue(Files.isRegularFile(dataDir.resolve("base/5/16384_fsm")));
        assertFalse(s.exists(REL, ForkNumber.VM));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("base/5/16384"))));
        assertEquals(0, s.nblocks(REL, ForkNumber.MAIN));
        PgException e = assertThrows(PgException.class, () -> s.create(REL, ForkNumber.MAIN, false));
        assertEquals(SqlState.DUPLICATE_FILE, e.sqlState());
        assertEquals("could not create file \"base/5/16384\": File exists", e.getMessage());
        s.create(REL, ForkNumber.MAIN, true);   // redo tolerates it

        StorageManager shared = smgr();
        shared.create(RelFileLocator.shared(1262), ForkNumber.MAIN, false);
        assertTrue(Files.isRegularFile(dataDir.resolve("global/1262")));

        PgException missing = assertThrows(PgException.class, () -> s.nblocks(REL, ForkNumber.VM));
        assertEquals("could not open file \"base/5/16384_vm\": No such file or directory", missing.getMessage());
        assertEquals(SqlState.UNDEFINED_FILE, missing.sqlState());
    }

    @Test
    void extendReadWriteAcrossSegmentsAndReopen() throws IOException {
        StorageManager s = smgr();
        s.create(REL, ForkNumber.MAIN, false);
        extendTo(s, 10);
        assertEquals(10, s.nblocks(REL, ForkNumber.MAIN));
        assertEquals(4L * Page.BLCKSZ, size("base/5/16384"));
        assertEquals(4L * Page.BLCKSZ, size("base/5/16384.1"));
        assertEquals(2L * Page.BLCKSZ, size("base/5/16384.2"));
        assertFalse(Files.exists(dataDir.resolve("base/5/16384.3")));
        assertEquals(10, requests.size());
        assertEquals("dirty base/5/16384.2", requests.get(9));

        s.write(REL, ForkNumber.MAIN, 5, pageTagged(55), false);
        s.close();

        StorageManager again = smgr();
        assertEquals(10, again.nblocks(REL, ForkNumber.MAIN));
        MemorySegment buf = arena.allocate(Page.BLCKSZ, 8);
        for (int b = 0; b < 10; b++) {
            again.read(REL, ForkNumber.MAIN, b, buf);
            assertEquals(b == 5 ? 55 : 1000 + b, tagOf(buf), "block " + b);
        }
    }

    @Test
    void readingBeyondTheEndFailsWithPostgresMessages() {
        StorageManager s = smgr();
        s.create(REL, ForkNumber.MAIN, false);
        extendTo(s, 10);
        MemorySegment buf = arena.allocate(Page.BLCKSZ, 8);
        PgException e = assertThrows(PgException.class, () -> s.read(REL, ForkNumber.MAIN, 10, buf));
        assertEquals("could not read block 10 in file \"base/5/16384.2\": read only 0 of 8192 bytes", e.getMessage());
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        e = assertThrows(PgException.class, () -> s.read(REL, ForkNumber.MAIN, 12, buf));
        assertEquals("could not open file \"base/5/16384.3\" (target block 12): previous segment is only 2 blocks", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.write(REL, ForkNumber.MAIN, 10, pageTagged(1), false),
                "write() does not extend");

        extendTo(s, 12);
        e = assertThrows(PgException.class, () -> s.read(REL, ForkNumber.MAIN, 12, buf));
        assertEquals("could not open file \"base/5/16384.3\" (target block 12): No such file or directory", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.extend(REL, ForkNumber.MAIN, 3, pageTagged(1), false));
    }

    @Test
    void truncateAcrossSegmentsKeepsEmptySegments() throws IOException {
        StorageManager s = smgr();
        s.create(REL, ForkNumber.MAIN, false);
        extendTo(s, 10);
        requests.clear();
        s.truncate(REL, ForkNumber.MAIN, 5);
        assertEquals(5, s.nblocks(REL, ForkNumber.MAIN));
        assertEquals(4L * Page.BLCKSZ, size("base/5/16384"));
        assertEquals(1L * Page.BLCKSZ, size("base/5/16384.1"));
        assertEquals(0, size("base/5/16384.2"), "kept, empty");
        assertEquals(List.of("dirty base/5/16384.2", "dirty base/5/16384.1"), requests);

        s.truncate(REL, ForkNumber.MAIN, 4);   // exactly a segment boundary
        assertEquals(4, s.nblocks(REL, ForkNumber.MAIN));
        assertEquals(0, size("base/5/16384.1"));

        PgException e = assertThrows(PgException.class, () -> s.truncate(REL, ForkNumber.MAIN, 7));
        assertEquals("could not truncate file \"base/5/16384\" to 7 blocks: it's only 4 blocks now", e.getMessage());

        // Extension reuses the empty segments; a fresh process sees the same length.
        extendTo(s, 9);
        assertEquals(1L * Page.BLCKSZ, size("base/5/16384.2"));
        assertEquals(9, smgr().nblocks(REL, ForkNumber.MAIN));
        MemorySegment buf = arena.allocate(Page.BLCKSZ, 8);
        smgr().read(REL, ForkNumber.MAIN, 8, buf);
        assertEquals(1008, tagOf(buf));

        s.truncate(REL, ForkNumber.MAIN, 0);
        assertEquals(0, s.nblocks(REL, ForkNumber.MAIN));
        assertEquals(0, size("base/5/16384"));
    }

    @Test
    void zeroExtendAndExtendPastAHole() throws IOException {
        StorageManager s = smgr();
        s.create(REL, ForkNumber.MAIN, false);
        extendTo(s, 1);
        s.zeroExtend(REL, ForkNumber.MAIN, 1, 6, false);
        assertEquals(7, s.nblocks(REL, ForkNumber.MAIN));
        assertEquals(3L * Page.BLCKSZ, size("base/5/16384.1"));
        MemorySegment buf = arena.allocate(Page.BLCKSZ, 8);
        s.read(REL, ForkNumber.MAIN, 6, buf);
        assertTrue(Page.isNew(buf));

        // md.c fills a short segment before starting the next one.
        s.extend(REL, ForkNumber.MAIN, 9, pageTagged(9), true);
        assertEquals(4L * Page.BLCKSZ, size("base/5/16384.1"));
        assertEquals(10, s.nblocks(REL, ForkNumber.MAIN));
        s.read(REL, ForkNumber.MAIN, 8, buf);
        assertTrue(Page.isNew(buf));
        s.read(REL, ForkNumber.MAIN, 9, buf);
        assertEquals(9, tagOf(buf));
    }

    @Test
    void skipFsyncAndImmediateSync() {
        StorageManager s = smgr();
        s.create(REL, ForkNumber.MAIN, false);
        for (int b = 0; b < 6; b++) s.extend(REL, ForkNumber.MAIN, b, pageTagged(b), true);
        s.write(REL, ForkNumber.MAIN, 2, pageTagged(2), true);
        assertEquals(List.of(), requests);
        s.immedsync(REL, ForkNumber.MAIN);
        assertTrue(s.syncSegment(REL, ForkNumber.MAIN, 1));
        assertFalse(s.syncSegment(REL, ForkNumber.MAIN, 2));

        // Without a checkpointer every write is fsynced at once, and still succeeds.
        try (StorageManager direct = new StorageManager(dataDir, SEG, 10, SyncRequestHook.FSYNC_IMMEDIATELY)) {
            direct.extend(REL, ForkNumber.MAIN, 6, pageTagged(6), false);
            assertEquals(7, direct.nblocks(REL, ForkNumber.MAIN));
        }
    }

    @Test
    void openFilesAreBounded() {
        StorageManager s = smgr(2, false);
        s.create(REL, ForkNumber.MAIN, false);
        extendTo(s, 12);
        assertTrue(s.openFiles() <= 2);
        MemorySegment buf = arena.allocate(Page.BLCKSZ, 8);
        for (int round = 0; round < 2; round++) {
            for (int b = 11; b >= 0; b--) {
                s.read(REL, ForkNumber.MAIN, b, buf);
                assertEquals(1000 + b, tagOf(buf));
                assertTrue(s.openFiles() <= 2);
            }
        }
    }

    @Test
    void unlinkRemovesEverySegment() throws IOException {
        StorageManager s = smgr();
        s.create(REL, ForkNumber.MAIN, false);
        s.create(REL, ForkNumber.FSM, false);
        extendTo(s, 9);
        requests.clear();
        assertEquals(List.of(), s.unlinkAll(REL, false));
        assertEquals(List.of("unlink later base/5/16384", "forget base/5/16384", "forget base/5/16384.1",
                "forget base/5/16384.2", "forget base/5/16384_fsm", "forget base/5/16384_vm", "forget base/5/16384_init"), requests,
                "like md.c, forget requests go out for every fork's first segment, existing or not");
        try (var files = Files.list(dataDir.resolve("base/5"))) {
            assertEquals(List.of(), files.toList());
        }
        assertFalse(s.exists(REL, ForkNumber.MAIN));

        // With a checkpointer, the main fork's first segment stays (empty) until the next checkpoint.
        StorageManager later = smgr(10, true);
        later.create(REL, ForkNumber.MAIN, false);
        extendTo(later, 6);
        later.unlink(REL, ForkNumber.MAIN, false);
        assertTrue(Files.exists(dataDir.resolve("base/5/16384")));
        assertEquals(0, size("base/5/16384"));
        assertFalse(Files.exists(dataDir.resolve("base/5/16384.1")));

        // The relfilenumber can be created again once the tombstone is gone; no stale open file is reused.
        Files.delete(dataDir.resolve("base/5/16384"));
        later.create(REL, ForkNumber.MAIN, false);
        extendTo(later, 2);
        assertEquals(2L * Page.BLCKSZ, size("base/5/16384"));
    }
}
