package org.tusk.pl.plpgsql;

/**
 * The names visible at one point of a body (pl_funcs.c's namespace stack, PLpgSQL_nsitem): a
 * chain from the innermost declaration outwards. Each block starts with a label item (its label,
 * or null) and adds its variables after it; a qualified name label.var searches only that block.
 * Items are immutable, so each compiled expression keeps the chain in effect where it was written.
 */
record PlNamespace(String name, PlTree.Datum datum, String blockLabel, boolean isLabel, PlNamespace prev) {
    static PlNamespace pushBlock(PlNamespace ns, String label) {
        return new PlNamespace(label, null, label, true, ns);
    }

    PlNamespace add(String varName, PlTree.Datum d) {
        return new PlNamespace(varName, d, isLabel ? name : blockLabel, false, this);
    }

    /** plpgsql_ns_lookup with one name: the innermost variable called {@code n}. */
    static PlTree.Datum lookup(PlNamespace ns, String n) {
        for (PlNamespace i = ns; i != null; i = i.prev) if (!i.isLabel && n.equals(i.name)) return i.datum;
        return null;
    }

    /** label.name: the variable {@code n} of the innermost block labelled {@code label}. */
    static PlTree.Datum lookupQualified(PlNamespace ns, String label, String n) {
        for (PlNamespace i = ns; i != null; i = i.prev) {
            if (!i.isLabel && n.equals(i.name) && label.equals(i.blockLabel)) return i.datum;
        }
        return null;
    }

    /** Whether a block labelled {@code label} encloses this point (plpgsql_ns_find_nearest_loop's check for EXIT). */
    static boolean hasLabel(PlNamespace ns, String label) {
        for (PlNamespace i = ns; i != null; i = i.prev) if (i.isLabel && label.equals(i.name)) return true;
        return false;
    }
}
