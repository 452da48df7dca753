package org.tusk.parser;

import java.util.List;

import org.tusk.catalog.PgType;
import org.tusk.utils.adt.VarBits;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The type modifiers of bit(n) and bit varying(n) (varbit.c anybit_typmodin: the typmod is the
 * length itself, at least 1 and at most VARBITMAXLEN).
 */
final class BitTypmods {
    private BitTypmods() {}

    static int typmodIn(PgType t, List<Integer> mods, String src, int location) {
        if (mods.size() != 1) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE, "invalid type modifier",
                Lexer.position(src, location));
        int n = mods.get(0);
        if (n < 1) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE,
                "length for type " + t.typname() + " must be at least 1", Lexer.position(src, location));
        if (n > VarBits.VARBITMAXLEN) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE,
                "length for type " + t.typname() + " cannot exceed " + VarBits.VARBITMAXLEN, Lexer.position(src, location));
        return n;
    }
}
