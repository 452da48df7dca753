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

/** pg_depend, pg_rewrite and pg_inherits as views, inheritance and DROP [CASCADE] leave them. */
class DependencyCatalogTest {
    @TempDir
    Path dataDir;
    private CatalogTestCluster cluster;
    private CatalogTestCluster.Backend be;
    private HeapCatalog cat;

    private static final List<ColumnSpec> COLS = List.of(new ColumnSpec("a", 23, -1, false, null),
            new ColumnSpec("b", 25, -1, false, null));

    @BeforeEach
    void setUp() {
        cluster = new CatalogTestCluster(dataDir);
        be = cluster.backend(1);
        cat = be.catalog;
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private List<Object[]> rows(SystemCatalog c, String col, int value) {
        return cluster.table.rows(c.oid()).stream().filter(v -> ((Number) c.get(v, col)).intValue() == value).toList();
    }

    @Test
    void aViewHasNoStorageARuleAndDependencies() {
        int t = cat.createTable(null, "t", COLS, 'p', false);
        int v = cat.createView(null, "v", List.of(new ColumnSpec("a", 23, -1, false, null)), 'p', false, "select a from t",
                List.of(t));
        Relation view = cat.openRelation(v);
        assertEquals('v', view.relkind());
        assertNull(view.locator());
        assertEquals("select a from t", cat.viewDefinition(view));
        Object[] cls = rows(PG_CLASS, "oid", v).get(0);
        assertEquals(0, PG_CLASS.get(cls, "relfilenode"));
        assertEquals(true, PG_CLASS.get(cls, "relhasrules"));
        assertTrue(rows(PG_ATTRIBUTE, "attrelid", v).stream().allMatch(a -> (Short) PG_ATTRIBUTE.get(a, "attnum") > 0),
                "a view has no system columns");
        Object[] rule = rows(PG_REWRITE, "ev_class", v).get(0);
        assertEquals("_RETURN", PG_REWRITE.get(rule, "rulename"));
        int ruleOid = (Integer) PG_REWRITE.get(rule, "oid");
        List<Object[]> deps = rows(PG_DEPEND, "objid", ruleOid);
        assertEquals(2, deps.size());
        assertEquals(List.of("i:" + v, "n:" + t), deps.stream().map(d -> PG_DEPEND.get(d, "deptype") + ":"
                + PG_DEPEND.get(d, "refobjid")).sorted().toList());
    }

    @Test
    void dropRefusesWithoutCascadeAndCascadesThroughViewsOfViews() {
        int t = cat.createTable(null, "t", COLS, 'p', false);
        int v = cat.createView(null, "v", List.of(new ColumnSpec("a", 23, -1, false, null)), 'p', false, "select a from t",
                List.of(t));
        int v2 = cat.createView(null, "v2", List.of(new ColumnSpec("a", 23, -1, false, null)), 'p', false, "select a from v",
                List.of(v));
        PgException e = assertThrows(PgException.class, () -> cat.dropRelations(List.of(cat.openRelation(t)), false));
        assertEquals("2BP01", e.sqlState());
        assertEquals("cannot drop table t because other objects depend on it", e.getMessage());
        assertEquals("view v depends on table t\nview v2 depends on view v", e.detail());
        assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", e.hint());

        // Dropping a view and the view on it together needs no CASCADE.
        cat.dropRelations(List.of(cat.openRelation(v2), cat.openRelation(v)), false);
        assertNull(cat.openRelation(null, "v"));
        assertTrue(be.notices.isEmpty());

        int v3 = cat.createView(null, "v3", List.of(new ColumnSpec("b", 25, -1, false, null)), 'p', false, "select b from t",
                List.of(t));
        cat.dropRelations(List.of(cat.openRelation(t)), true);
        assertEquals(List.of("drop cascades to view v3"), be.notices.stream().map(Throwable::getMessage).toList());
        assertTrue(rows(PG_CLASS, "oid", v3).isEmpty());
        assertTrue(rows(PG_REWRITE, "ev_class", v3).isEmpty());
        assertTrue(cluster.table.rows(PG_DEPEND.oid()).isEmpty(), "no pg_depend row outlives its objects");
    }

    @Test
    void replacingAViewKeepsItsColumnsAndMayAddSome() {
        int t = cat.createTable(null, "t", COLS, 'p', false);
        int v = cat.createView(null, "v", List.of(new ColumnSpec("a", 23, -1, false, null)), 'p', false, "select a from t",
                List.of(t));
        assertEquals(v, cat.createView(null, "v", List.of(new ColumnSpec("a", 23, -1, false, null),
                new ColumnSpec("b", 25, -1, false, null)), 'p', true, "select a, b from t", List.of(t)));
        assertEquals(2, cat.openRelation(v).desc().natts());
        assertEquals("select a, b from t", cat.viewDefinition(cat.openRelation(v)));
        PgException renamed = assertThrows(PgException.class, () -> cat.createView(null, "v", List.of(
                new ColumnSpec("x", 23, -1, false, null), new ColumnSpec("b", 25, -1, false, null)), 'p', true, "select 1", List.of()));
        assertEquals("cannot change name of view column \"a\" to \"x\"", renamed.getMessage());
        assertThrows(PgException.class, () -> cat.createView(null, "t", List.of(new ColumnSpec("a", 23, -1, false, null)), 'p',
                true, "select 1", List.of()));
    }

    @Test
    void inheritanceRowsAndTheParentsDependency() {
        int p = cat.createTable(null, "p", COLS, 'p', false);
        int c = cat.createTable(null, "c", List.of(new ColumnSpec("a", 23, -1, false, null), new ColumnSpec("b", 25, -1, false, null),
                new ColumnSpec("d", 23, -1, false, null)), 'p', false);
        cat.storeInheritance(c, List.of(p), new int[] {1, 1, 0}, new boolean[] {false, true, true});
        assertEquals(List.of(c), cat.inheritanceChildren(p));
        assertEquals(List.of(p), cat.inheritanceParents(c));
        assertEquals(true, PG_CLASS.get(rows(PG_CLASS, "oid", p).get(0), "relhassubclass"));
        List<Object[]> atts = rows(PG_ATTRIBUTE, "attrelid", c).stream().filter(a -> (Short) PG_ATTRIBUTE.get(a, "attnum") > 0)
                .sorted((x, y) -> (Short) PG_ATTRIBUTE.get(x, "attnum") - (Short) PG_ATTRIBUTE.get(y, "attnum")).toList();
        assertEquals(List.of("1false", "1true", "0true"), atts.stream().map(a -> PG_ATTRIBUTE.get(a, "attinhcount").toString()
                + PG_ATTRIBUTE.get(a, "attislocal")).toList());
        PgException e = assertThrows(PgException.class, () -> cat.dropRelation(cat.openRelation(p)));
        assertEquals("table c depends on table p", e.detail());
        cat.dropRelations(List.of(cat.openRelation(p)), true);
        assertTrue(cluster.table.rows(PG_INHERITS.oid()).isEmpty());
        assertNull(cat.openRelation(null, "c"));
    }
}
