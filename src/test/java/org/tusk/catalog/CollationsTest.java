package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The collations of a C-locale database: lookup by name, names, and which types are collatable. */
class CollationsTest {
    @Test
    void lookupFindsTheThreeBuiltInCollationsAlsoQualified() {
        assertEquals(100, Collations.lookup(List.of("default")));
        assertEquals(950, Collations.lookup(List.of("C")));
        assertEquals(951, Collations.lookup(List.of("pg_catalog", "POSIX")));
    }

    @Test
    void unknownOrOtherSchemaIsUndefinedObject() {
        PgException e = assertThrows(PgException.class, () -> Collations.lookup(List.of("en_US")));
        assertEquals("42704", e.sqlState());
        assertEquals("collation \"en_US\" for encoding \"UTF8\" does not exist", e.getMessage());
        e = assertThrows(PgException.class, () -> Collations.lookup(List.of("public", "C")));
        assertEquals("collation \"public.C\" for encoding \"UTF8\" does not exist", e.getMessage());
        // names are case-sensitive, as identifiers are after quoting
        assertThrows(PgException.class, () -> Collations.lookup(List.of("c")));
    }

    @Test
    void namesAreQuotedAsGenerateCollationNameDoes() {
        assertEquals("\"C\"", Collations.quoted(950));
        assertEquals("\"POSIX\"", Collations.quoted(951));
        assertEquals("default", Collations.name(100));
        assertNull(Collations.name(12345));
    }

    @Test
    void stringTypesAreCollatableOthersAreNot() {
        assertEquals(100, Collations.typeCollation(TypeOids.TEXT));
        assertEquals(950, Collations.typeCollation(TypeOids.NAME));
        assertEquals(0, Collations.typeCollation(TypeOids.INT4));
        PgException e = assertThrows(PgException.class, () -> Collations.checkCollatable(TypeOids.INT4));
        assertEquals("42804", e.sqlState());
        assertEquals("collations are not supported by type integer", e.getMessage());
    }
}
