package org.tusk.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

class IndexRelOptionsTest {
    private static Stmt.DefElem opt(String name, String value) {
        return new Stmt.DefElem(name, value, -1);
    }

    @Test
    void btreeOptionsAreStoredAsWritten() {
        assertEquals(List.of("fillfactor=10", "deduplicate_items=on", "vacuum_cleanup_index_scale_factor=0.5"),
                IndexRelOptions.btree(List.of(opt("fillfactor", "10"), opt("deduplicate_items", "on"),
                        opt("vacuum_cleanup_index_scale_factor", "0.5"))));
        assertEquals(List.of("deduplicate_items=true"), IndexRelOptions.btree(List.of(opt("deduplicate_items", null))));
    }

    @Test
    void badOptionsGetReloptionsMessages() {
        PgException e = assertThrows(PgException.class, () -> IndexRelOptions.btree(List.of(opt("fillfactor", "5"))));
        assertEquals("22023", e.sqlState());
        assertEquals("value 5 out of bounds for option \"fillfactor\"", e.getMessage());
        assertEquals("Valid values are between \"10\" and \"100\".", e.detail());
        e = assertThrows(PgException.class, () -> IndexRelOptions.btree(List.of(opt("fastupdate", "on"))));
        assertEquals("unrecognized parameter \"fastupdate\"", e.getMessage());
        e = assertThrows(PgException.class, () -> IndexRelOptions.btree(List.of(opt("deduplicate_items", "maybe"))));
        assertEquals("invalid value for boolean option \"deduplicate_items\": maybe", e.getMessage());
        e = assertThrows(PgException.class, () -> IndexRelOptions.btree(List.of(opt("fillfactor", "20"), opt("fillfactor", "30"))));
        assertEquals("parameter \"fillfactor\" specified more than once", e.getMessage());
    }

    @Test
    void setAndResetMergeWithTheStoredOptions() {
        List<String> stored = List.of("fillfactor=50", "deduplicate_items=off");
        assertEquals(List.of("deduplicate_items=off", "fillfactor=70"),
                IndexRelOptions.merge(stored, List.of(opt("fillfactor", "70")), false));
        assertEquals(List.of("fillfactor=50"), IndexRelOptions.merge(stored, List.of(opt("deduplicate_items", null)), true));
        PgException e = assertThrows(PgException.class,
                () -> IndexRelOptions.merge(stored, List.of(opt("fillfactor", "1")), true));
        assertEquals("RESET must not include values for parameters", e.getMessage());
    }

    @Test
    void opclassParametersAreRefusedForBtreeClasses() {
        Stmt.IndexElem plain = new Stmt.IndexElem("a", false, null, 0);
        IndexRelOptions.checkOpclassOptions(plain, "int4_ops");
        Stmt.IndexElem withOptions = new Stmt.IndexElem("a", null, null, null, List.of("int4_ops"), false, null, 0,
                List.of(opt("foo", "1")));
        PgException e = assertThrows(PgException.class, () -> IndexRelOptions.checkOpclassOptions(withOptions, "int4_ops"));
        assertEquals("operator class int4_ops has no options", e.getMessage());
    }
}
