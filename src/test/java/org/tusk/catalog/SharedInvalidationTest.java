package org.tusk.catalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.catalog.Catalog.ColumnSpec;
import org.tusk.storage.ipc.SinvalQueue;
import org.tusk.utils.cache.Relation;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Relcache coherence between two backends through the shared invalidation queue: each backend
 * has its own relcache over the same catalogs; one changes them and commits, the other sees the
 * change only after it accepts the messages (at its next relation lock).
 */
class SharedInvalidationTest {
    @TempDir
    Path dataDir;
    private CatalogTestCluster cluster;
    private CatalogTestCluster.Backend a;
    private CatalogTestCluster.Backend b;
    private static final List<ColumnSpec> COLS = List.of(new ColumnSpec("id", 23, -1, false, null),
            new ColumnSpec("v", 25, -1, false, null));

    @BeforeEach
    void setUp() {
        cluster = new CatalogTestCluster(dataDir);
        a = cluster.backend(1);
        b = cluster.backend(2);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void otherBackendSeesNewIndexAfterAcceptingMessages() {
        int oid = a.catalog.createTable(null, "t", COLS, 'p', false);
        a.commit();
        Relation bt = b.catalog.openRelation(null, "t");
        assertEquals(List.of(), b.catalog.indexesOf(bt));
        assertTrue(b.relcache.isCached(oid));

        int pk = a.catalog.createIndex(null, a.catalog.openRelation(oid), new int[]{1}, true, true, false);
        // Not committed: nothing in the queue yet, b's entry (and index list) stay as they were.
        b.inval.accept();
        assertTrue(b.relcache.isCached(oid));
        assertFalse(b.relcache.byOid(oid).desc().attr(0).attnotnull());
        a.commit();
        // b reads the queue when it locks the relation.
        Relation fresh = b.catalog.openRelation(null, "t");
        assertNotSame(bt, fresh);
        assertTrue(fresh.desc().attr(0).attnotnull());
        assertEquals(List.of(pk), b.catalog.indexesOf(fresh).stream().map(Relation::oid).toList());
    }

    @Test
    void relationStatisticsReachTheRelcacheOfBothBackends() {
        int oid = a.catalog.createTable(null, "t", COLS, 'p', false);
        a.commit();
        Relation before = b.catalog.openRelation(oid);
        assertEquals(-1f, before.reltuples(), "never vacuumed");
        assertEquals(0, before.relpages());
        // what VACUUM / ANALYZE store (vac_update_relstats)
        a.catalog.updateRelationStats(a.catalog.openRelation(oid), 3, 250, 2);
        Relation own = a.catalog.openRelation(oid);
        assertEquals(3, own.relpages());
        assertEquals(250f, own.reltuples());
        assertEquals(2, own.relallvisible());
        assertEquals(-1f, b.catalog.openRelation(oid).reltuples(), "not committed yet");
        a.commit();
        Relation fresh = b.catalog.openRelation(oid);
        assertEquals(3, fresh.relpages());
        assertEquals(250f, fresh.reltuples());
        assertEquals(2, fresh.relallvisible());
    }

    @Test
    void ownChangesAreSeenAtCommandCounterIncrementOthersAfterCommit() {
        int oid = a.catalog.createTable(null, "t", COLS, 'p', false);
        a.commit();
        b.catalog.openRelation(oid);
        a.catalog.dropRelation(null, "t", 'r', false);
        assertNull(a.catalog.openRelation(oid), "the dropping backend no longer sees it");
        assertFalse(a.relcache.isCached(oid));
        assertTrue(b.relcache.isCached(oid));
        a.commit();
        b.inval.accept();
        assertFalse(b.relcache.isCached(oid));
        assertNull(b.catalog.openRelation(null, "t"));
    }

    @Test
    void backendTooFarBehindIsResetAndDropsItsWholeCache() {
        int oid = a.catalog.createTable(null, "t", COLS, 'p', false);
        a.commit();
        b.catalog.openRelation(oid);
        assertTrue(b.relcache.isCached(oid));
        // a commits more invalidations than the queue holds while b reads none.
        for (int i = 0; i < SinvalQueue.MAXNUMMESSAGES + 100; i++) a.inval.registerRelcacheInval(100000 + i);
        a.commit();
        assertTrue(cluster.queue.numMessages() <= SinvalQueue.MAXNUMMESSAGES);
        b.inval.accept();
        assertFalse(b.relcache.isCached(oid), "reset: every entry dropped");
        // After the reset b is at the end of the queue and reads new messages normally.
        b.catalog.openRelation(oid);
        a.inval.registerRelcacheInval(oid);
        a.commit();
        b.inval.accept();
        assertFalse(b.relcache.isCached(oid));
    }
}
