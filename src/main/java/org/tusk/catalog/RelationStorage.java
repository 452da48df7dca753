package org.tusk.catalog;

import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecord;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * Relation files in a transaction (PostgreSQL's catalog/storage.c): creating a relation's main
 * fork with a WAL record so that redo re-creates it (RelationCreateStorage, log_smgrcreate), and
 * the per-backend list of files to remove when the transaction ends (pendingDeletes): a created
 * file goes if the transaction aborts, a dropped relation's file goes if it commits.
 *
 * <p>The transaction code asks {@link #pendingDeletes} for the list to write into its commit or
 * abort record (whose redo removes the files on a standby or after a crash), and calls
 * {@link #doPendingDeletes} once the record is written. Each entry remembers the subtransaction
 * nesting level that made it (PendingRelDelete's nestLevel): when a subtransaction commits its
 * entries pass to its parent ({@link #atSubCommit}, AtSubCommit_smgr); when it aborts, the files
 * it created are removed at once and the drops it scheduled are forgotten ({@link #atSubAbort},
 * AtSubAbort_smgr), so ROLLBACK TO a savepoint taken before a TRUNCATE keeps the table's old file.
 * Because a finished subtransaction leaves no entry at its level, an entry at the current level
 * was made by the current subtransaction, which is what COPY FREEZE asks
 * ({@link #createdInCurrentSubTransaction}, rd_createSubid / rd_newRelfilenodeSubid). Temporary and unlogged relations are not
 * WAL-logged (temporary ones have no backend-local file names yet); an unlogged relation has an
 * init fork, made with WAL, that crash recovery copies over its main fork.
 *
 * <p>{@code xl_smgr_create} (storage_xlog.h): RelFileLocator (spcOid, dbOid, relNumber: three
 * uint32) then ForkNumber (int32), 16 bytes of main data, rmgr SMGR, info XLOG_SMGR_CREATE (0x10)
 * with XLR_SPECIAL_REL_UPDATE.
 */
public final class RelationStorage {
    /** XLOG_SMGR_CREATE and XLOG_SMGR_TRUNCATE (storage_xlog.h). */
    public static final int XLOG_SMGR_CREATE = 0x10, XLOG_SMGR_TRUNCATE = 0x20;
    /** XLR_SPECIAL_REL_UPDATE: the record changes relation files in a way not described by block references. */
    public static final int XLR_SPECIAL_REL_UPDATE = 0x01;
    /** sizeof(xl_smgr_create). */
    public static final int SIZEOF_XL_SMGR_CREATE = 16;

    /** Inserts a WAL record for the current transaction (XLogInsert); the caller supplies the xid. */
    @FunctionalInterface
    public interface WalInsert {
        void insert(XLogRecordBuilder record, RmgrId rmgr, int info) throws IOException;
    }

    /** A PendingRelDelete: remove {@code locator}'s files when the transaction commits ({@code atCommit}) or aborts. */
    private record PendingDelete(RelFileLocator locator, boolean atCommit, int nestLevel) {}

    private final StorageManager smgr;
    private final Consumer<RelFileLocator> dropBuffers;
    private final WalInsert wal;
    private final List<PendingDelete> pending = new ArrayList<>();
    /** GetCurrentTransactionNestLevel: 1 at top level. */
    private final java.util.function.IntSupplier nestLevel;

    /**
     * @param dropBuffers DropRelationBuffers: forgets the relation's pages in shared buffers
     *                    without writing them ({@code BufferManager::dropRelationBuffers})
     */
    public RelationStorage(StorageManager smgr, Consumer<RelFileLocator> dropBuffers, WalInsert wal) {
        this(smgr, dropBuffers, wal, () -> 1);
    }

    /** As above, with the transaction's current nesting level (for subtransactions). */
    public RelationStorage(StorageManager smgr, Consumer<RelFileLocator> dropBuffers, WalInsert wal,
                           java.util.function.IntSupplier nestLevel) {
        this.smgr = smgr;
        this.dropBuffers = dropBuffers;
        this.wal = wal;
        this.nestLevel = nestLevel;
    }

    /** Whether any fork file of {@code locator} exists (GetNewRelFileNumber's collision check). */
    /** The size in bytes of one fork's files (every segment), 0 if the fork has no file. */
    public long forkSize(RelFileLocator locator, org.tusk.storage.smgr.ForkNumber fork) {
        if (!smgr.exists(locator, fork)) return 0;
        return (long) smgr.nblocks(locator, fork) * org.tusk.storage.page.Page.BLCKSZ;
    }

    public boolean exists(RelFileLocator locator) {
        return smgr.exists(locator, ForkNumber.MAIN);
    }

    /** RelationCreateStorage: creates the main fork, WAL-logs it for a permanent relation, and schedules its removal at abort. */
    public void create(RelFileLocator locator, char persistence) {
        smgr.create(locator, ForkNumber.MAIN, false);
        if (persistence == 'p') logCreate(locator, ForkNumber.MAIN);
        pending.add(new PendingDelete(locator, false, nestLevel.getAsInt()));
    }

    /**
     * heap_create_init_fork (heapam_handler.c heapam_relation_set_new_filelocator): an unlogged
     * table's empty init fork, WAL-logged so that redo re-creates it, and synced at once because
     * no checkpoint will flush a file that has no buffers. Recovery after a crash copies it over
     * the main fork ({@link org.tusk.storage.smgr.UnloggedRelationReset}).
     */
    public void createHeapInitFork(RelFileLocator locator) {
        smgr.create(locator, ForkNumber.INIT, false);
        logCreate(locator, ForkNumber.INIT);
        smgr.immedsync(locator, ForkNumber.INIT);
    }

    /** Whether {@code locator} has an init fork (index_build's smgrexists(INIT_FORKNUM) check). */
    public boolean hasInitFork(RelFileLocator locator) {
        return smgr.exists(locator, ForkNumber.INIT);
    }

    /**
     * An init fork with contents: an unlogged index's empty index ({@code pages}, from the access
     * method's ambuildempty, for index_build), or an unlogged sequence's first page, written into the init fork, each page WAL-logged whole
     * (log_newpage, whose redo creates the fork too) and the fork synced, as btbuildempty does.
     */
    public void createInitFork(RelFileLocator locator, List<MemorySegment> pages) {
        smgr.create(locator, ForkNumber.INIT, false);
        for (int blkno = 0; blkno < pages.size(); blkno++) {
            MemorySegment page = pages.get(blkno);
            smgr.extend(locator, ForkNumber.INIT, blkno, page, true);
            XLogRecordBuilder b = new XLogRecordBuilder();
            b.registerBuffer(0, locator, ForkNumber.INIT, blkno, page,
                    XLogRecordBuilder.REGBUF_FORCE_IMAGE | XLogRecordBuilder.REGBUF_STANDARD);
            try {
                wal.insert(b, RmgrId.XLOG, org.tusk.access.transam.FullPageImages.XLOG_FPI);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        smgr.immedsync(locator, ForkNumber.INIT);
    }

    /** log_smgrcreate. */
    void logCreate(RelFileLocator locator, ForkNumber fork) {
        XLogRecordBuilder b = new XLogRecordBuilder();
        b.registerData(createRecord(locator, fork));
        try {
            wal.insert(b, RmgrId.SMGR, XLOG_SMGR_CREATE | XLR_SPECIAL_REL_UPDATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 16 bytes of an xl_smgr_create. */
    public static byte[] createRecord(RelFileLocator locator, ForkNumber fork) {
        return ByteBuffer.allocate(SIZEOF_XL_SMGR_CREATE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(locator.spcOid()).putInt(locator.dbOid()).putInt(locator.relNumber()).putInt(fork.number()).array();
    }

    /** Whether {@code locator} was created by the current (sub)transaction (it is to be removed if that aborts). */
    public boolean createdInCurrentSubTransaction(RelFileLocator locator) {
        int level = nestLevel.getAsInt();
        for (PendingDelete d : pending) if (!d.atCommit() && d.nestLevel() == level && d.locator().equals(locator)) return true;
        return false;
    }

    /** RelationDropStorage: the relation's files go when the transaction commits. */
    public void scheduleUnlink(RelFileLocator locator) {
        pending.add(new PendingDelete(locator, true, nestLevel.getAsInt()));
    }

    /** AtSubCommit_smgr: the committing subtransaction's entries now belong to its parent. */
    public void atSubCommit() {
        int level = nestLevel.getAsInt();
        pending.replaceAll(d -> d.nestLevel() >= level ? new PendingDelete(d.locator(), d.atCommit(), level - 1) : d);
    }

    /** smgrGetPendingDeletes(false) in a subtransaction: the files it created, for its abort record. */
    public List<RelFileLocator> subTransactionCreated() {
        int level = nestLevel.getAsInt();
        List<RelFileLocator> out = new ArrayList<>();
        for (PendingDelete d : pending) if (!d.atCommit() && d.nestLevel() >= level && !out.contains(d.locator())) out.add(d.locator());
        return out;
    }

    /**
     * AtSubAbort_smgr (smgrDoPendingDeletes(false) at the subtransaction's level): removes the
     * files the aborting subtransaction created and forgets the drops it scheduled.
     */
    public void atSubAbort() {
        List<RelFileLocator> due = subTransactionCreated();
        int level = nestLevel.getAsInt();
        pending.removeIf(d -> d.nestLevel() >= level);
        for (RelFileLocator rl : due) {
            dropBuffers.accept(rl);
            smgr.unlinkAll(rl, false);
        }
    }

    /** smgrGetPendingDeletes: the files to remove at commit ({@code isCommit}) or at abort, for the commit/abort record. */
    public List<RelFileLocator> pendingDeletes(boolean isCommit) {
        List<RelFileLocator> out = new ArrayList<>();
        for (PendingDelete d : pending) if (d.atCommit() == isCommit && !out.contains(d.locator())) out.add(d.locator());
        return out;
    }

    /**
     * smgrDoPendingDeletes: at the end of the transaction, drops the buffers of and unlinks every
     * file due now, and forgets the whole list.
     */
    public void doPendingDeletes(boolean isCommit) {
        List<RelFileLocator> due = pendingDeletes(isCommit);
        pending.clear();
        for (RelFileLocator rl : due) {
            dropBuffers.accept(rl);
            smgr.unlinkAll(rl, false);
        }
    }

    /** smgr_redo: replays an SMGR record. */
    public static void redo(DecodedXLogRecord record, RedoContext ctx) {
        int info = record.info() & ~XLogRecord.XLR_INFO_MASK;
        if (info != XLOG_SMGR_CREATE) {
            throw new IllegalStateException("smgr_redo: unknown op code " + info);
        }
        MemorySegment d = record.mainData();
        if (d.byteSize() < SIZEOF_XL_SMGR_CREATE) throw new IllegalStateException("smgr_redo: short create record");
        RelFileLocator rl = new RelFileLocator(d.get(JAVA_INT_UNALIGNED, 0), d.get(JAVA_INT_UNALIGNED, 4),
                d.get(JAVA_INT_UNALIGNED, 8));
        ctx.smgr().create(rl, ForkNumber.of(d.get(JAVA_INT_UNALIGNED, 12)), true);
    }
}
