package org.tusk.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** The heap storage parameters of CREATE TABLE ... WITH and ALTER TABLE ... SET, as reloptions.c checks them. */
class RelOptionsTest {
    private static Stmt.DefElem opt(String name, String value) {
        return new Stmt.DefElem(name, value, -1);
    }

    @Test
    void heapOptionsAreStoredAsPgClassKeepsThem() {
        assertEquals(List.of("fillfactor=70", "toast_tuple_target=4080", "parallel_workers=2"),
                RelOptions.heapOptions(List.of(opt("fillfactor", "70"), opt("toast_tuple_target", "4080"),
                        opt("parallel_workers", "2"))));
    }

    @Test
    void toastTupleTargetIsBoundedAsInReloptions() {
        PgException e = assertThrows(PgException.class, () -> RelOptions.heapOptions(List.of(opt("toast_tuple_target", "100"))));
        assertEquals("22023", e.sqlState());
        assertEquals("value 100 out of bounds for option \"toast_tuple_target\"", e.getMessage());
        assertEquals("Valid values are between \"128\" and \"8160\".", e.detail());
    }
}
