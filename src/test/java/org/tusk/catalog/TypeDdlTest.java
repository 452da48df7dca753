package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.catalog.SystemCatalogs.*;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.catalog.Catalog.ColumnSpec;
import org.tusk.utils.adt.EnumValue;
import org.tusk.utils.adt.Enums;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/** Enum types in the heap catalogs: pg_type/pg_enum rows, label OIDs and sort orders, the type cache, drops. */
class TypeDdlTest {
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

    private List<String> labels(int typeOid) {
        return cat.types().members(typeOid).stream().map(Enums.Member::label).toList();
    }

    @Test
    void createEnumWritesTheTypeItsArrayTypeAndEvenLabelOidsInSortOrder() {
        int t = cat.typeDdl().createEnum(null, "mood", List.of("sad", "ok", "happy"));
        TypeCache.UserType ut = cat.types().type(t);
        assertEquals('e', ut.typtype());
        assertEquals(PG_PUBLIC_NAMESPACE, ut.namespace());
        assertEquals("_mood", cat.types().type(ut.typarray()).name());
        assertEquals(t, cat.types().lookupTypeName(null, "mood"));
        assertEquals(t, cat.types().lookupTypeName("public", "mood"));
        List<Enums.Member> ms = cat.types().members(t);
        assertEquals(List.of("sad", "ok", "happy"), labels(t));
        for (int i = 0; i < ms.size(); i++) {
            assertEquals(i + 1, ms.get(i).sortOrder());
            assertEquals(0, ms.get(i).oid() & 1, "CREATE TYPE gives even OIDs");
            if (i > 0) assertTrue(Integer.compareUnsigned(ms.get(i - 1).oid(), ms.get(i).oid()) < 0);
        }
        // enum_in / enum_out / enum_cmp through the installed cache
        EnumValue ok = Enums.in(t, "ok");
        assertEquals("ok", Enums.out(ok));
        assertTrue(Enums.in(t, "sad").compareTo(Enums.in(t, "happy")) < 0);
        PgException e = assertThrows(PgException.class, () -> Enums.in(t, "angry"));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input value for enum mood: \"angry\"", e.getMessage());
        assertEquals("mood", BuiltinCatalog.formatType(t));
        assertEquals('E', BuiltinCatalog.type(t).category());
    }

    @Test
    void addValuePlacesLabelsBetweenNeighboursAndRenumbersWhenFloatsRunOut() {
        int t = cat.typeDdl().createEnum(null, "planets", List.of("venus", "earth", "mars"));
        cat.typeDdl().addValue(t, "mercury", "venus", true, false);
        cat.typeDdl().addValue(t, "saturn", "mars", false, false);
        cat.typeDdl().addValue(t, "jupiter", "saturn", true, false);
        assertEquals(List.of("mercury", "venus", "earth", "mars", "jupiter", "saturn"), labels(t));
        assertEquals(3.5f, cat.types().members(t).get(4).sortOrder());
        // labels added in the open transaction cannot be used before it ends (check_safe_enum_use)
        assertEquals("55P04", assertThrows(PgException.class, () -> Enums.in(t, "mercury")).sqlState());
        cat.types().atEndOfTransaction();
        // the comparison of an odd-OID label goes through the sort order
        assertTrue(Enums.in(t, "mercury").compareTo(Enums.in(t, "venus")) < 0);
        assertTrue(Enums.in(t, "jupiter").compareTo(Enums.in(t, "saturn")) < 0);
        assertTrue(Enums.in(t, "jupiter").compareTo(Enums.in(t, "mars")) > 0);
        // repeated halving until float4 has no room between two labels forces RenumberEnumType
        for (int i = 0; i < 40; i++) cat.typeDdl().addValue(t, "p" + i, "jupiter", true, false);
        List<String> ls = labels(t);
        assertEquals("mars", ls.get(3));
        assertEquals("p0", ls.get(4));
        assertEquals("p39", ls.get(43));
        assertEquals("jupiter", ls.get(44));
        List<Enums.Member> ms = cat.types().members(t);
        for (int i = 1; i < ms.size(); i++) assertTrue(ms.get(i - 1).sortOrder() < ms.get(i).sortOrder());

        assertEquals("\"zeus\" is not an existing enum label",
                assertThrows(PgException.class, () -> cat.typeDdl().addValue(t, "x", "zeus", false, false)).getMessage());
        assertEquals("enum label \"mars\" already exists",
                assertThrows(PgException.class, () -> cat.typeDdl().addValue(t, "mars", null, false, false)).getMessage());
        cat.typeDdl().renameValue(t, "mars", "red planet");
        assertTrue(labels(t).contains("red planet"));
        assertEquals("\"mars\" is not an existing enum label",
                assertThrows(PgException.class, () -> cat.typeDdl().renameValue(t, "mars", "earth")).getMessage());
    }

    @Test
    void enumColumnsAreStoredAsLabelOidsAndKeepTheirTypeAndDependents() {
        int t = cat.typeDdl().createEnum(null, "color", List.of("red", "green"));
        cat.createTable(null, "paint", List.of(new ColumnSpec("c", t, -1, false, null)), 'p', false);
        Relation rel = cat.openRelation(null, "paint");
        assertEquals(t, rel.atttypid(1));
        assertEquals(org.tusk.access.common.DatumType.ENUM, rel.desc().attr(0).type());
        cat.createIndex(null, rel, new int[] {1}, false, false, false);
        assertEquals(List.of("column c of table paint"), cat.typeDdl().dependents(t));
        cat.dropRelation(cat.openRelation(null, "paint"));
        assertEquals(List.of(), cat.typeDdl().dependents(t));
        int array = cat.types().type(t).typarray();
        cat.typeDdl().dropType(t);
        assertNull(cat.types().type(t));
        assertNull(cat.types().type(array));
        assertEquals(0, cat.types().lookupTypeName(null, "color"));
        assertEquals(List.of(), cat.types().members(t));
    }
}
