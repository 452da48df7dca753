package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.utils.adt.RegTypes;

/**
 * What a column default's analysed expression refers to, for pg_depend (find_expr_references
 * as StoreAttrDefault uses it): the relations named by regclass constants, which is how a
 * default names a sequence (nextval('s'::regclass)). Functions and types are built in or
 * tracked elsewhere, so only relations are recorded.
 */
final class DefaultDependencies {
    private DefaultDependencies() {}

    /** The relation OIDs of the regclass constants in {@code e}, in order of appearance. */
    static List<Integer> referencedRelations(Expr e) {
        List<Integer> out = new ArrayList<>();
        if (e == null) return out;
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Const c && c.type() == RegTypes.REGCLASS && c.value() instanceof Number n) out.add(n.intValue());
            return false;
        });
        return out;
    }

    /** Records the default of column {@code attnum} of {@code relOid} as depending on what {@code def} names. */
    static void record(Catalog catalog, int relOid, int attnum, Expr def) {
        List<Integer> refs = referencedRelations(def);
        if (!refs.isEmpty()) catalog.relationOwnership().recordDefaultDependencies(relOid, attnum, refs);
    }
}
