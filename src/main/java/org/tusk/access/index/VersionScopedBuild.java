package org.tusk.access.index;

import org.tusk.access.table.TableAm;
import org.tusk.utils.cache.Relation;

/**
 * An access method whose three builds differ only in which row versions they enter: CREATE INDEX
 * and the rebuild after VACUUM FULL enter every version some snapshot may still see, CREATE INDEX
 * CONCURRENTLY only those its build snapshot sees. Such a method writes the one build; GIN, GiST
 * and hash do (their unique checks, which set B-tree apart, do not exist).
 */
public interface VersionScopedBuild extends IndexAm {
    /** ambuild entering every row version some snapshot may still see ({@code allVersions}), or only the build snapshot's. */
    IndexBuildResult build(Relation heap, Relation index, TableAm table, IndexKeyFormer keys, boolean allVersions);

    @Override
    default IndexBuildResult build(Relation heap, Relation index, TableAm table, IndexKeyFormer keys) {
        return build(heap, index, table, keys, true);
    }

    @Override
    default IndexBuildResult buildConcurrently(Relation heap, Relation index, TableAm table, IndexKeyFormer keys) {
        return build(heap, index, table, keys, false);
    }

    @Override
    default IndexBuildResult buildAfterRewrite(Relation heap, Relation index, TableAm table, IndexKeyFormer keys) {
        return build(heap, index, table, keys, true);
    }
}
