package org.tusk.commands;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelkindDetail;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TABLE ... REPLICA IDENTITY (tablecmds.c ATExecReplicaIdentity and
 * relation_mark_replica_identity): which old-row columns logical decoding would log for an UPDATE
 * or DELETE, recorded in pg_class.relreplident ('d' the primary key, 'f' every column, 'n'
 * none, 'i' the index that pg_index.indisreplident marks). Tusk has no logical decoding; the
 * setting is kept, checked and shown (psql's \d) as PostgreSQL keeps it.
 */
final class ReplicaIdentityCommand {
    private ReplicaIdentityCommand() {}

    /** ATExecReplicaIdentity: {@code identity} one of 'd', 'f', 'n', 'i' (with {@code indexName}). */
    static void set(Relation heap, char identity, String indexName, Catalog catalog) {
        // ATSimplePermissions(ATT_TABLE | ATT_MATVIEW | ATT_PARTITIONED_TABLE)
        if (heap.relkind() != 'r' && heap.relkind() != 'p' && heap.relkind() != 'm') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "ALTER action REPLICA IDENTITY cannot be performed on relation \""
                    + heap.name() + "\"").withDetail(RelkindDetail.notSupported(heap.relkind()));
        }
        if (identity != 'i') {
            catalog.markReplicaIdentity(heap, identity, 0);
            return;
        }
        // the index is looked up in the table's schema (get_relname_relid)
        int indexOid = catalog.relnameGetRelid(catalog.namespaceName(heap.namespace()), indexName);
        if (indexOid == 0) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT,
                    "index \"" + indexName + "\" for table \"" + heap.name() + "\" does not exist");
        }
        Relation index = catalog.openRelation(indexOid);
        if (index == null || index.index() == null || index.index().heapOid() != heap.oid()) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE,
                    "\"" + indexName + "\" is not an index for table \"" + heap.name() + "\"");
        }
        Relation.IndexInfo info = index.index();
        if (!info.unique()) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot use non-unique index \"" + indexName + "\" as replica identity");
        }
        if (!info.immediate()) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot use non-immediate index \"" + indexName + "\" as replica identity");
        }
        if (info.hasExpressions()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use expression index \"" + indexName + "\" as replica identity");
        }
        if (info.predicate() != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use partial index \"" + indexName + "\" as replica identity");
        }
        // every key column must be NOT NULL, so that the identity names one row
        for (int k = 0; k < info.keyCount(); k++) {
            int attnum = info.keyAttnum(k);
            if (attnum < 0) {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "index \"" + indexName
                        + "\" cannot be used as replica identity because column " + attnum + " is a system column");
            }
            if (!heap.desc().attr(attnum - 1).attnotnull()) {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "index \"" + indexName
                        + "\" cannot be used as replica identity because column \"" + heap.desc().attr(attnum - 1).name()
                        + "\" is nullable");
            }
        }
        catalog.markReplicaIdentity(heap, 'i', indexOid);
    }
}
