package org.tusk.catalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.catalog.Catalog.ColumnSpec;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.catalog.SystemCatalogs.*;

/** pg_constraint rows of CHECK and FOREIGN KEY constraints, relchecks, and the constraint lists of the relcache. */
class ConstraintCatalogTest {
    @TempDir
    Path dataDir;
    private CatalogTestCluster cluster;
    private HeapCatalog cat;

    @BeforeEach
    void setUp() {
        cluster = new CatalogTestCluster(dataDir);
        cat = cluster.backend(1).catalog;
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private Object[] constraintRow(String name) {
        return cluster.table.rows(PG_CONSTRAINT.oid()).stream().filter(v -> name.equals(PG_CONSTRAINT.get(v, "conname")))
                .findFirst().orElseThrow();
    }

    private short relchecks(Relation rel) {
        return (Short) PG_CLASS.get(cluster.table.rows(PG_CLASS.oid()).stream()
                .filter(v -> ((Number) PG_CLASS.get(v, "oid")).intValue() == rel.oid()).findFirst().orElseThrow(), "relchecks");
    }

    @Test
    void checkRowsCountAndDrop() {
        cat.createTable(null, "t", List.of(new ColumnSpec("a", 23, -1, false, null), new ColumnSpec("b", 23, -1, false, null)),
                'p', false);
        Relation t = cat.openRelation(null, "t");
        assertEquals("t_a_check", cat.chooseConstraintName(t, "a", "check"));
        cat.addConstraint(t, ConstraintInfo.check("t_a_check", t.oid(), new short[] {1}, "a > 0", true, false));
        cat.addConstraint(t, ConstraintInfo.check("t_check", t.oid(), new short[] {2, 1}, "b < a", false, true));
        assertEquals("t_a_check1", cat.chooseConstraintName(t, "a", "check"));
        Object[] row = constraintRow("t_check");
        assertEquals("c", PG_CONSTRAINT.get(row, "contype"));
        assertEquals("b < a", PG_CONSTRAINT.get(row, "conbin"));
        assertArrayEquals(new short[] {2, 1}, (short[]) PG_CONSTRAINT.get(row, "conkey"));
        assertEquals(false, PG_CONSTRAINT.get(row, "convalidated"));
        assertEquals(true, PG_CONSTRAINT.get(row, "connoinherit"));
        assertEquals(t.oid(), PG_CONSTRAINT.get(row, "conrelid"));
        assertEquals((short) 2, relchecks(t));
        // the relcache lists them; a change on the table is seen at once
        assertEquals(List.of("t_a_check", "t_check"), cat.constraintsOf(t).stream().map(ConstraintInfo::name).toList());
        PgException dup = assertThrows(PgException.class, () -> cat.addConstraint(t,
                ConstraintInfo.check("t_check", t.oid(), new short[] {1}, "a > 1", true, false)));
        assertEquals("constraint \"t_check\" for relation \"t\" already exists", dup.getMessage());
        ConstraintInfo c = cat.constraintsOf(t).get(1);
        cat.markConstraintValidated(c);
        assertTrue(cat.constraintsOf(t).get(1).validated());
        cat.renameConstraint(t, c, "t_b_lt_a");
        cat.dropConstraint(t, cat.constraintsOf(t).get(1));
        assertEquals(List.of("t_a_check"), cat.constraintsOf(t).stream().map(ConstraintInfo::name).toList());
        assertEquals((short) 1, relchecks(t));
    }

    @Test
    void foreignKeyRowsAndTheReferencedSide() {
        cat.createTable(null, "b", List.of(new ColumnSpec("id", 23, -1, true, null)), 'p', false);
        Relation b = cat.openRelation(null, "b");
        int pkey = cat.createIndex(null, b, new int[] {1}, true, true, false);
        cat.createTable(null, "a", List.of(new ColumnSpec("x", 23, -1, false, null)), 'p', false);
        Relation a = cat.openRelation(null, "a");
        assertTrue(cat.foreignKeysReferencing(b).isEmpty());
        cat.addConstraint(a, ConstraintInfo.foreignKey("a_x_fkey", a.oid(), new short[] {1}, pkey, b.oid(), new short[] {1},
                'c', 'n', 'f', false, false, true));
        Object[] row = constraintRow("a_x_fkey");
        assertEquals("f", PG_CONSTRAINT.get(row, "contype"));
        assertEquals(b.oid(), PG_CONSTRAINT.get(row, "confrelid"));
        assertEquals(pkey, PG_CONSTRAINT.get(row, "conindid"));
        assertArrayEquals(new short[] {1}, (short[]) PG_CONSTRAINT.get(row, "confkey"));
        assertEquals("c", PG_CONSTRAINT.get(row, "confupdtype"));
        assertEquals("n", PG_CONSTRAINT.get(row, "confdeltype"));
        assertEquals("f", PG_CONSTRAINT.get(row, "confmatchtype"));
        assertNull(PG_CONSTRAINT.get(row, "conbin"));
        // the referenced table's relcache entry lists it (its cache was invalidated by the add)
        assertEquals(List.of("a_x_fkey"), cat.foreignKeysReferencing(b).stream().map(ConstraintInfo::name).toList());
        // dropping the referencing table removes the key from the referenced side too
        cat.dropRelation(a);
        assertTrue(cat.foreignKeysReferencing(cat.openRelation(null, "b")).isEmpty());
        // the primary key's own row is still there
        assertEquals("p", PG_CONSTRAINT.get(constraintRow("b_pkey"), "contype"));
    }
}
