package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.TypeName;

/**
 * gram.y's array productions: array_expr ({@code ARRAY[...]} with nested bracket lists),
 * indirection ({@code [i]}, {@code [l:u]}, {@code [:u]}, {@code [l:]}, {@code [:]}, repeated) and
 * opt_array_bounds ({@code type[]}, {@code type[n]}, {@code type ARRAY[n]}; the sizes are
 * ignored, as PostgreSQL ignores them).
 */
final class ArrayGrammar {
    private ArrayGrammar() {}

    /** After {@code ARRAY[} (or a nested {@code [}): the elements up to the closing bracket. */
    static RawExpr arrayList(Parser p, int loc) {
        List<RawExpr> elems = new ArrayList<>();
        if (p.acceptChar(']')) return new RawExpr.ArrayExpr(elems, loc);
        if (p.isChar('[')) {
            do {
                int at = p.expectChar('[').start();
                elems.add(arrayList(p, at));
            } while (p.acceptChar(','));
        } else {
            do {
                elems.add(p.aExpr());
            } while (p.acceptChar(','));
        }
        p.expectChar(']');
        return new RawExpr.ArrayExpr(elems, loc);
    }

    /** After the first {@code [} of an indirection. */
    static RawExpr subscripts(Parser p, RawExpr arg, int loc) {
        List<RawExpr.Subscript> subs = new ArrayList<>();
        do {
            RawExpr lower = null, upper = null;
            boolean slice = false;
            if (!p.isChar(':')) lower = p.aExpr();
            if (p.acceptChar(':')) {
                slice = true;
                if (!p.isChar(']')) upper = p.aExpr();
            }
            p.expectChar(']');
            subs.add(slice ? new RawExpr.Subscript(true, lower, upper) : new RawExpr.Subscript(false, null, lower));
        } while (p.acceptChar('['));
        // (a[1])[2] subscripts the result of a[1], as gram.y's A_Indirection over an A_Indirection
        // does: it is not a[1][2] (that is one indirection with two subscripts)
        return new RawExpr.Indirection(arg, subs, loc);
    }

    /** opt_array_bounds after a type name. */
    static TypeName arrayBounds(Parser p, TypeName tn) {
        if (p.acceptKw("array")) {
            if (p.acceptChar('[')) {
                if (p.peek().is(Token.Kind.ICONST)) p.advance();
                p.expectChar(']');
            }
        } else {
            while (p.acceptChar('[')) {
                if (p.peek().is(Token.Kind.ICONST)) p.advance();
                p.expectChar(']');
            }
        }
        return new TypeName(tn.names(), tn.typmods(), true, tn.location());
    }
}
