package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.utils.adt.ByteaFuncs;
import org.tusk.utils.adt.StringFuncs;

/**
 * pg_proc entries behind the SQL-standard forms OVERLAY(a PLACING b FROM s [FOR n]) and
 * POSITION(a IN b), which gram.y turns into calls of overlay(...) and position(b, a):
 * textoverlay, textoverlay_no_len, byteaoverlay, byteaoverlay_no_len, textpos and byteapos of
 * varlena.c.
 */
final class OverlayPositionBuiltins {
    private OverlayPositionBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("overlay", List.of(TEXT, TEXT, INT4, INT4), TEXT,
                (c, a) -> StringFuncs.overlay((String) a[0], (String) a[1], (Integer) a[2], (Integer) a[3]));
        r.fn("overlay", List.of(TEXT, TEXT, INT4), TEXT,
                (c, a) -> StringFuncs.overlay((String) a[0], (String) a[1], (Integer) a[2], null));
        r.fn("overlay", List.of(BYTEA, BYTEA, INT4, INT4), BYTEA,
                (c, a) -> ByteaFuncs.overlay((byte[]) a[0], (byte[]) a[1], (Integer) a[2], (Integer) a[3]));
        r.fn("overlay", List.of(BYTEA, BYTEA, INT4), BYTEA,
                (c, a) -> ByteaFuncs.overlay((byte[]) a[0], (byte[]) a[1], (Integer) a[2], null));
        r.fn("position", List.of(TEXT, TEXT), INT4, (c, a) -> StringFuncs.strpos((String) a[0], (String) a[1]));
        r.fn("position", List.of(BYTEA, BYTEA), INT4, (c, a) -> ByteaFuncs.position((byte[]) a[0], (byte[]) a[1]));
    }
}
