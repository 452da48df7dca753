package org.tusk.parser;

import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.TypeName;

/**
 * B'1010' and X'1F' constants (gram.y's BCONST and XCONST): scan.l keeps the 'b' or 'x' in
 * front of the digits and make_const runs bit_in on that string, giving a constant of type
 * bit without a length. Here the same text becomes a typed literal of pg_catalog.bit with no
 * typmod, which parse analysis turns into that constant (errors point at the literal).
 */
final class BitStringConst {
    private BitStringConst() {}

    static RawExpr of(Token t, int loc) {
        String prefix = t.kind() == Token.Kind.BCONST ? "b" : "x";
        return new RawExpr.TypeCast(new RawExpr.AConst(RawExpr.AConst.Kind.STRING, prefix + t.value(), loc),
                new TypeName(List.of("pg_catalog", "bit"), List.of(), false, loc), loc);
    }
}
