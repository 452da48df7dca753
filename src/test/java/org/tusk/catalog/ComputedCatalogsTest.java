package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.NameSubscript;

/** The catalogs Tusk computes for pg_dump, and the small functions that came with them. */
class ComputedCatalogsTest {
    @Test
    void catalogsResolveByNameAndOidAsInPostgres() {
        assertEquals(2605, ComputedCatalogs.relationOid(null, "pg_cast"));
        assertEquals(0, ComputedCatalogs.relationOid("pg_catalog", "pg_range"));   // a stored catalog now
        assertEquals(1262, ComputedCatalogs.relationOid(null, "pg_database"));
        assertEquals(0, ComputedCatalogs.relationOid("public", "pg_cast"));
        assertEquals("pg_tablespace", ComputedCatalogs.relationName(1213));
        assertEquals("pg_language", ComputedCatalogs.relationName(2612));
        assertNull(ComputedCatalogs.relationName(16384));
        ScannableRelation ext = ComputedCatalogs.INSTANCE.lookup(null, "pg_extension");
        Object[] plpgsql = ext.scan().next();
        assertEquals(13559L, plpgsql[0]);
        assertEquals("plpgsql", plpgsql[1]);
        assertTrue(!ComputedCatalogs.INSTANCE.lookup(null, "pg_foreign_server").scan().hasNext());
    }

    @Test
    void castsAndOperatorsCarryPostgresOidsBelowFirstNormalObjectId() {
        Set<Long> oids = new HashSet<>();
        for (Object[] r : BuiltinObjectCatalogs.castRows()) {
            assertTrue((Long) r[0] < 16384);
            assertTrue(oids.add((Long) r[0]), "duplicate cast oid " + r[0]);
            // int8 -> int4 is 10001 in PostgreSQL 15
            if ((Long) r[1] == 20 && (Long) r[2] == 23) assertEquals(10001L, r[0]);
        }
        oids.clear();
        for (Object[] r : BuiltinObjectCatalogs.operatorRows()) {
            assertTrue((Long) r[0] < 16384);
            assertTrue(oids.add((Long) r[0]), "duplicate operator oid " + r[0]);
        }
        assertEquals(96, BuiltinObjectCatalogs.operatorOid("=", 23, 23));   // int4eq's operator
        assertEquals(98, BuiltinObjectCatalogs.operatorOid("=", 25, 25));
    }

    @Test
    void btreeIntegerFamilyHasItsStrategyOperators() {
        long int4lt = BuiltinObjectCatalogs.operatorOid("<", 23, 23);
        List<Object[]> amop = OperatorClassCatalogs.amopRows();
        assertTrue(amop.stream().anyMatch(r -> (Long) r[1] == 1976 && (Long) r[2] == 23 && (Long) r[3] == 23
                && (Short) r[4] == 1 && (Long) r[6] == int4lt));
        assertTrue(OperatorClassCatalogs.classes().stream().anyMatch(r -> "int4_ops".equals(r[2]) && (Long) r[0] == 1978));
    }

    @Test
    void optionsToTableSplitsAtTheFirstEquals() {
        List<Object[]> rows = DumpSupportBuiltins.optionsToTable(new String[] {"fillfactor=70", "a=b=c", "flag"});
        assertArrayEquals(new Object[] {"fillfactor", "70"}, rows.get(0));
        assertArrayEquals(new Object[] {"a", "b=c"}, rows.get(1));
        assertArrayEquals(new Object[] {"flag", null}, rows.get(2));
    }

    @Test
    void nameSubscriptsAreZeroBasedBytes() {
        assertEquals("_", NameSubscript.element("_int4", 0));
        assertEquals("4", NameSubscript.element("_int4", 4));
        assertEquals("", NameSubscript.element("_int4", 5));
        assertNull(NameSubscript.element("_int4", 64));
        assertNull(NameSubscript.element("_int4", -1));
    }

    @Test
    void aclItemsParseAsAclparseDoes() {
        // PUBLIC, SELECT with grant option and UPDATE; no grantor: the bootstrap superuser
        int[] out = new int[3];
        AclInput.parseItem("=r*w", out, 0);
        assertArrayEquals(new int[] {Acl.PUBLIC, 10, Acl.ACL_SELECT | Acl.ACL_UPDATE | Acl.ACL_SELECT << 16}, out);
        assertEquals(0, AclInput.arrayIn("{}").length);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.tusk.utils.error.PgException.class,
                () -> AclInput.parseItem("=q", new int[3], 0));
        assertTrue(e.getMessage().contains("invalid mode character"), e.getMessage());
    }
}
