package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.utils.cache.Relation;

/**
 * ReindexPartitions' choice of work (indexcmds.c): REINDEX of a partitioned table rebuilds the
 * indexes of each of its leaf partitions, REINDEX of a partitioned index each leaf index attached
 * below it; partitioned tables and indexes themselves have no storage and are skipped. The order
 * is the partition tree's, depth first (find_all_inheritors visits each level in OID order; the
 * partitions here come in catalog order, which is creation order).
 */
final class ReindexPartitions {
    private ReindexPartitions() {}

    /** The leaf partitions (relkind 'r') under partitioned table {@code table}. */
    static List<Relation> leafTables(Relation table, Catalog catalog) {
        List<Relation> out = new ArrayList<>();
        for (Relation part : PartitionIndexes.partitionsOf(table, catalog)) {
            if (part.relkind() == 'p') out.addAll(leafTables(part, catalog));
            else if (part.relkind() == 'r') out.add(part);
        }
        return out;
    }

    /** The leaf indexes (relkind 'i') attached, directly or through partitioned indexes, to {@code index}. */
    static List<Relation> leafIndexes(Relation index, Catalog catalog) {
        List<Relation> out = new ArrayList<>();
        Relation table = catalog.openRelation(index.index().heapOid());
        if (table == null) return out;
        for (Relation part : PartitionIndexes.partitionsOf(table, catalog)) {
            Relation child = PartitionIndexes.attachedIndex(part, index.oid(), catalog);
            if (child == null) continue;
            if (child.relkind() == 'I') out.addAll(leafIndexes(child, catalog));
            else out.add(child);
        }
        return out;
    }
}
