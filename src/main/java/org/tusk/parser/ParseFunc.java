package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgType;

/**
 * Ambiguity resolution shared by operators and functions: PostgreSQL's
 * func_match_argtypes() + func_select_candidate() (parse_func.c), which parse_oper.c also uses.
 * Given candidate argument-type lists and the actual input types, it returns the index of the
 * single best candidate, or -1 if none matches, or -2 if several remain (ambiguous).
 */
public final class ParseFunc {
    private ParseFunc() {}

    public static final int NONE = -1;

    /** ParseFuncOrColumn's error for an ambiguous call (func_select_candidate found no single best). */
    static org.tusk.utils.error.PgException notUnique(Analyzer a, String signature, int location) {
        return a.err(org.tusk.utils.error.SqlState.AMBIGUOUS_FUNCTION, "function " + signature + " is not unique", location)
                .withHint("Could not choose a best candidate function. You might need to add explicit type casts.");
    }

    /** ParseFuncOrColumn's error for a call no candidate matches. */
    static org.tusk.utils.error.PgException doesNotExist(Analyzer a, String signature, int location) {
        return a.err(org.tusk.utils.error.SqlState.UNDEFINED_FUNCTION, "function " + signature + " does not exist", location)
                .withHint("No function matches the given name and argument types. You might need to add explicit type casts.");
    }

    /**
     * ParseFuncOrColumn's refusal of a parameterless aggregate called without (*) (count()): the
     * name is an aggregate with no arguments and the call gives none (42809).
     */
    static void checkParameterlessAggregate(Analyzer a, String name, java.util.List<org.tusk.catalog.PgAggregate> cands,
                                            int nargs, int location) {
        if (nargs != 0) return;
        for (org.tusk.catalog.PgAggregate ag : cands) {
            if (ag.argType() == 0) {
                throw a.err("42809", name + "(*) must be used to call a parameterless aggregate function", location);
            }
        }
    }
    public static final int AMBIGUOUS = -2;

    public static int select(List<List<Integer>> candidates, List<Integer> actual) {
        // func_select_candidate: a domain input is matched as its base type
        List<Integer> based = new ArrayList<>(actual.size());
        for (int t : actual) based.add(org.tusk.catalog.TypeCache.baseType(t));
        if (!based.equals(actual)) {
            for (int i = 0; i < candidates.size(); i++) if (candidates.get(i).equals(actual)) return i;
        }
        List<Integer> inputs = based;
        int n = inputs.size();
        // exact match
        for (int i = 0; i < candidates.size(); i++) if (candidates.get(i).equals(inputs)) return i;
        // candidates reachable by implicit coercion
        List<Integer> cands = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            List<Integer> c = candidates.get(i);
            boolean ok = true;
            for (int k = 0; k < n && ok; k++) ok = ParseCoerce.canCoerce(inputs.get(k), c.get(k), ParseCoerce.Context.IMPLICIT);
            if (ok && ParsePolymorphic.consistent(c, inputs)) cands.add(i);
        }
        if (cands.isEmpty()) return NONE;
        if (cands.size() == 1) return cands.get(0);

        // most exact matches
        cands = keepMax(cands, c -> {
            int m = 0;
            for (int k = 0; k < n; k++) if (inputs.get(k) != UNKNOWN && candidates.get(c).get(k).equals(inputs.get(k))) m++;
            return m;
        });
        if (cands.size() == 1) return cands.get(0);

        // exact or preferred-type matches (preferred type of the input's own category)
        cands = keepMax(cands, c -> {
            int m = 0;
            for (int k = 0; k < n; k++) {
                int in = inputs.get(k);
                if (in == UNKNOWN) continue;
                int ct = candidates.get(c).get(k);
                if (ct == in || (ParseCoerce.isPreferred(ct) && ParseCoerce.category(ct) == ParseCoerce.category(in))) m++;
            }
            return m;
        });
        if (cands.size() == 1) return cands.get(0);

        boolean anyUnknown = inputs.contains(UNKNOWN);
        if (!anyUnknown) return AMBIGUOUS;

        // resolve unknown inputs by category
        List<Integer> survivors = new ArrayList<>(cands);
        for (int k = 0; k < n; k++) {
            if (inputs.get(k) != UNKNOWN) continue;
            char slotCat = 0;
            boolean slotPreferred = false;
            boolean conflict = false;
            for (int c : cands) {
                int ct = candidates.get(c).get(k);
                char cat = ParseCoerce.category(ct);
                if (slotCat == 0) {
                    slotCat = cat;
                    slotPreferred = ParseCoerce.isPreferred(ct);
                } else if (cat == slotCat) {
                    slotPreferred |= ParseCoerce.isPreferred(ct);
                } else if (cat == PgType.CAT_STRING) {
                    slotCat = cat;
                    slotPreferred = ParseCoerce.isPreferred(ct);
                } else {
                    conflict = true;
                }
            }
            if (conflict && slotCat != PgType.CAT_STRING) {
                survivors = null;
                break;
            }
            final char sc = slotCat;
            final boolean sp = slotPreferred;
            final int kk = k;
            survivors.removeIf(c -> {
                int ct = candidates.get(c).get(kk);
                return ParseCoerce.category(ct) != sc || (sp && !ParseCoerce.isPreferred(ct));
            });
        }
        if (survivors != null && !survivors.isEmpty()) {
            if (survivors.size() == 1) return survivors.get(0);
            cands = survivors;
        }

        // last gasp: all known inputs the same type -> assume unknowns are that type too
        int known = UNKNOWN;
        boolean same = true;
        for (int in : inputs) {
            if (in == UNKNOWN) continue;
            if (known == UNKNOWN) known = in;
            else if (known != in) same = false;
        }
        if (known != UNKNOWN && same) {
            int found = NONE;
            for (int c : cands) {
                boolean ok = true;
                for (int k = 0; k < n && ok; k++)
                    ok = ParseCoerce.canCoerce(inputs.get(k) == UNKNOWN ? known : inputs.get(k), candidates.get(c).get(k),
                            ParseCoerce.Context.IMPLICIT);
                if (ok) {
                    List<Integer> assumed = new ArrayList<>();
                    for (int in : inputs) assumed.add(in == UNKNOWN ? known : in);
                    if (!ParsePolymorphic.consistent(candidates.get(c), assumed)) continue;
                    if (found != NONE) return AMBIGUOUS;
                    found = c;
                }
            }
            if (found != NONE) return found;
        }
        return AMBIGUOUS;
    }

    private static List<Integer> keepMax(List<Integer> cands, java.util.function.IntUnaryOperator score) {
        int best = -1;
        List<Integer> out = new ArrayList<>();
        for (int c : cands) {
            int s = score.applyAsInt(c);
            if (s > best) {
                best = s;
                out.clear();
            }
            if (s == best) out.add(c);
        }
        return out;
    }

    /**
     * The type-coercion reading of a call, from func_get_detail(): a one-argument call with no
     * exactly matching function, whose name is a type name, is a cast to that type when the
     * argument is an unknown literal or the explicit cast pathway relabels or goes through I/O
     * (function casts have pg_proc entries of that name, found as ordinary functions). Returns
     * the target type, or 0 when the call is a function call.
     */
    public static int coercionTarget(String funcname, List<org.tusk.nodes.Expr> args, List<List<Integer>> candidateSigs) {
        if (args.size() != 1) return 0;
        int source = args.get(0).type();
        for (List<Integer> sig : candidateSigs) if (sig.equals(List.of(source))) return 0;
        PgType target = BuiltinCatalog.typeByName(funcname);
        if (target == null || target.category() == PgType.CAT_PSEUDO) return 0;
        if (source == UNKNOWN) return args.get(0) instanceof org.tusk.nodes.Expr.Const ? target.oid() : 0;
        if (source == target.oid()) return target.oid();
        org.tusk.catalog.PgCast cast = BuiltinCatalog.cast(source, target.oid());
        if (cast != null) return cast.method() == org.tusk.catalog.PgCast.Method.FUNCTION ? 0 : target.oid();
        // no pg_cast row: the automatic I/O conversion to or from a string type
        return ParseCoerce.canCoerce(source, target.oid(), ParseCoerce.Context.EXPLICIT) ? target.oid() : 0;
    }

    /** "integer, text" for messages, as funcname_signature_string(). */
    static String signature(List<Integer> types) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(BuiltinCatalog.formatType(types.get(i)));
        }
        return sb.toString();
    }
}
