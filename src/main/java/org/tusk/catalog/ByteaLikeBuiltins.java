package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.utils.adt.ByteaFuncs;

/** LIKE for bytea (pg_operator ~~ and !~~ on bytea: bytealike, byteanlike) and like_escape(bytea, bytea). */
final class ByteaLikeBuiltins {
    private ByteaLikeBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.op("~~", BYTEA, BYTEA, BOOL, (c, a) -> ByteaFuncs.like((byte[]) a[0], (byte[]) a[1]));
        r.op("!~~", BYTEA, BYTEA, BOOL, (c, a) -> !ByteaFuncs.like((byte[]) a[0], (byte[]) a[1]));
        r.fn("like_escape", List.of(BYTEA, BYTEA), BYTEA, (c, a) -> ByteaFuncs.likeEscape((byte[]) a[0], (byte[]) a[1]));
    }
}
