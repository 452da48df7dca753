package org.tusk.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.rewrite.ViewCheckOption;
import org.tusk.utils.error.PgException;

class ViewOptionsTest {
    private static Stmt.DefElem opt(String name, String value) {
        return new Stmt.DefElem(name, value, -1);
    }

    @Test
    void theCheckOptionClauseIsStoredAsTheReloption() {
        assertEquals(List.of("check_option=cascaded"), ViewOptions.of(List.of(), "cascaded"));
        assertEquals(List.of("check_option=local"), ViewOptions.of(List.of(opt("check_option", "local")), null));
        assertEquals(List.of(), ViewOptions.of(List.of(), null));
        assertEquals("local", ViewCheckOption.of(List.of("check_option=local")));
        assertEquals(null, ViewCheckOption.of(List.of()));
    }

    @Test
    void badOptionsAreRefusedAsParseRelOptionsRefusesThem() {
        PgException e = assertThrows(PgException.class, () -> ViewOptions.of(List.of(opt("check_option", "foo")), null));
        assertEquals("22023", e.sqlState());
        assertEquals("invalid value for enum option \"check_option\": foo", e.getMessage());
        e = assertThrows(PgException.class, () -> ViewOptions.of(List.of(opt("check_option", "local")), "cascaded"));
        assertEquals("parameter \"check_option\" specified more than once", e.getMessage());
        e = assertThrows(PgException.class, () -> ViewOptions.of(List.of(opt("fillfactor", "10")), null));
        assertEquals("unrecognized parameter \"fillfactor\"", e.getMessage());
    }
}
