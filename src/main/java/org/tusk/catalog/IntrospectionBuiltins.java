package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.FormatType;
import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.ruleutils.RuleUtils;

/**
 * The types and functions psql's describe commands and JDBC metadata queries use (pg_type.dat,
 * pg_proc.dat, pg_cast.dat entries of regproc.c, format_type.c, ruleutils.c, namespace.c):
 * regclass, regtype, regnamespace, regrole, int2vector, oidvector, pg_node_tree; format_type,
 * pg_typeof, pg_get_expr, pg_get_indexdef, pg_get_constraintdef, pg_table_is_visible, pg_type_is_visible;
 * the regular-expression match operators. (obj_description and col_description are {@link CommentBuiltins}.)
 */
final class IntrospectionBuiltins {
    private IntrospectionBuiltins() {}

    static final int INT2VECTOR = 22, OIDVECTOR = 30, PG_NODE_TREE = 194;

    static void register(BuiltinRegistry r) {
        types(r);
        casts(r);
        functions(r);
    }

    private static void types(BuiltinRegistry r) {
        r.type(new PgType(RegTypes.REGCLASS, "regclass", "regclass", 4, true, 'N', false, (s, z) -> RegTypes.regclassIn(s),
                (v, z) -> RegTypes.regclassOut(v)));
        r.type(new PgType(RegTypes.REGTYPE, "regtype", "regtype", 4, true, 'N', false, (s, z) -> RegTypes.regtypeIn(s),
                (v, z) -> RegTypes.regtypeOut(v)));
        r.type(new PgType(RegTypes.REGNAMESPACE, "regnamespace", "regnamespace", 4, true, 'N', false,
                (s, z) -> RegTypes.regnamespaceIn(s), (v, z) -> RegTypes.regnamespaceOut(v)));
        r.type(new PgType(RegTypes.REGROLE, "regrole", "regrole", 4, true, 'N', false, (s, z) -> RegTypes.regroleIn(s),
                (v, z) -> RegTypes.regroleOut(v)));
        // int2vector/oidvector: space-separated elements (int2vectorout, oidvectorout)
        r.type(new PgType(INT2VECTOR, "int2vector", "int2vector", -1, false, 'A', false, (s, z) -> int2vectorIn(s),
                (v, z) -> vectorOut(v, INT2, "int2vector")));
        r.type(new PgType(OIDVECTOR, "oidvector", "oidvector", -1, false, 'A', false, (s, z) -> oidvectorIn(s),
                (v, z) -> vectorOut(v, OID, "oidvector")));
        r.type(new PgType(PG_NODE_TREE, "pg_node_tree", "pg_node_tree", -1, false, 'Z', false, (s, z) -> {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot accept a value of type pg_node_tree");
        }, (v, z) -> (String) v));
    }

    private static void casts(BuiltinRegistry r) {
        for (int reg : new int[] {RegTypes.REGCLASS, RegTypes.REGTYPE, RegTypes.REGNAMESPACE, RegTypes.REGROLE}) {
            r.cast(OID, reg, 'i', null);
            r.cast(reg, OID, 'i', null);
            r.relabelCast(INT4, reg, 'i', (c, a) -> ((Number) a[0]).longValue() & 0xFFFFFFFFL);
            r.cast(INT8, reg, 'i', (c, a) -> ((Number) a[0]).longValue() & 0xFFFFFFFFL);
            r.cast(reg, INT8, 'a', (c, a) -> ((Number) a[0]).longValue() & 0xFFFFFFFFL);
            r.ioCast(reg, TEXT, 'a');
            r.ioCast(reg, VARCHAR, 'a');
        }
        // text_regclass: text to regclass is an implicit cast in PostgreSQL (nextval('s'::text) works)
        r.ioCast(TEXT, RegTypes.REGCLASS, 'i');
        r.ioCast(VARCHAR, RegTypes.REGCLASS, 'i');
        r.cast(PG_NODE_TREE, TEXT, 'i', null);
    }

    private static void functions(BuiltinRegistry r) {
        Volatility S = Volatility.STABLE;
        r.fn("format_type", List.of(OID, INT4), TEXT, S, false, (c, a) -> a[0] == null ? null
                : FormatType.format(((Number) a[0]).intValue(), a[1] == null ? -1 : (Integer) a[1], a[1] != null));
        // misc.c pg_typeof("any"): the argument's type as analysis resolved it, NULL or not
        PolymorphicFunction typeOf = (argTypes, result) -> (c, a) -> (long) argTypes.get(0);
        r.fn("pg_typeof", List.of(ANY), RegTypes.REGTYPE, Volatility.STABLE, false, typeOf);
        // misc.c pg_collation_for("any"): the name of the call's input collation, NULL without one
        InputCollationFunction collationFor = (argTypes, collation) -> (c, a) -> {
            int t = argTypes.get(0);
            if (Collations.typeCollation(t) == 0 && t != UNKNOWN)
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "collations are not supported by type "
                        + BuiltinCatalog.formatType(t));
            return collation == 0 ? null : RegTypes.quote(Collations.name(collation));
        };
        r.fn("pg_collation_for", List.of(ANY), TEXT, Volatility.STABLE, false, collationFor);
        r.fn("pg_table_is_visible", List.of(OID), BOOL, S, true,
                (c, a) -> RegTypes.relationIsVisible(((Number) a[0]).intValue()));
        r.fn("pg_type_is_visible", List.of(OID), BOOL, S, true, (c, a) -> FormatType.typeIsVisible(((Number) a[0]).intValue()));
        r.fn("pg_get_expr", List.of(PG_NODE_TREE, OID), TEXT, S, true,
                (c, a) -> RuleUtils.getExpr((String) a[0], ((Number) a[1]).intValue(), c.session().currentDatabase()));
        r.fn("pg_get_expr", List.of(PG_NODE_TREE, OID, BOOL), TEXT, S, true,
                (c, a) -> RuleUtils.getExpr((String) a[0], ((Number) a[1]).intValue(), (Boolean) a[2],
                        c.session().currentDatabase()));
        r.fn("pg_get_indexdef", List.of(OID), TEXT, S, true, (c, a) -> RuleUtils.getIndexdef(((Number) a[0]).intValue(), 0));
        r.fn("pg_get_indexdef", List.of(OID, INT4, BOOL), TEXT, S, true,
                (c, a) -> RuleUtils.getIndexdef(((Number) a[0]).intValue(), (Integer) a[1], (Boolean) a[2]));
        r.fn("pg_get_function_result", List.of(OID), TEXT, S, true,
                (c, a) -> org.tusk.utils.ruleutils.FunctionDef.result(((Number) a[0]).intValue()));
        r.fn("pg_get_constraintdef", List.of(OID), TEXT, S, true,
                (c, a) -> RuleUtils.getConstraintdef(((Number) a[0]).intValue(), false, c.session().currentDatabase(),
                        c::analyzeStoredQuery));
        r.fn("pg_get_constraintdef", List.of(OID, BOOL), TEXT, S, true,
                (c, a) -> RuleUtils.getConstraintdef(((Number) a[0]).intValue(), (Boolean) a[1], c.session().currentDatabase(),
                        c::analyzeStoredQuery));
        // Sequence functions take regclass, as PostgreSQL's (a serial column's default shows nextval('s'::regclass)).
        Volatility V = Volatility.VOLATILE;
        r.fn("nextval", List.of(RegTypes.REGCLASS), INT8, V, true, (c, a) -> c.session().nextval(sequenceName(a[0])));
        r.fn("currval", List.of(RegTypes.REGCLASS), INT8, V, true, (c, a) -> c.session().currval(sequenceName(a[0])));
        r.fn("pg_sequence_last_value", List.of(RegTypes.REGCLASS), INT8, V, true,
                (c, a) -> c.session().sequenceLastValue(sequenceName(a[0])));
        r.fn("setval", List.of(RegTypes.REGCLASS, INT8), INT8, V, true,
                (c, a) -> c.session().setval(sequenceName(a[0]), (Long) a[1], true));
        r.fn("setval", List.of(RegTypes.REGCLASS, INT8, BOOL), INT8, V, true,
                (c, a) -> c.session().setval(sequenceName(a[0]), (Long) a[1], (Boolean) a[2]));
    }

    /** The sequence's schema-qualified, quoted name, which the session's sequence lookup parses. */
    private static String sequenceName(Object regclass) {
        int oid = ((Number) regclass).intValue();
        return RuleUtils.qualifiedRelationName(oid);
    }

    private static short[] int2vectorIn(String s) {
        String t = s.strip();
        if (t.isEmpty()) return new short[0];
        String[] parts = t.split("\\s+");
        short[] out = new short[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = org.tusk.utils.adt.Ints.int2in(parts[i]);
        return out;
    }

    private static int[] oidvectorIn(String s) {
        String t = s.strip();
        if (t.isEmpty()) return new int[0];
        String[] parts = t.split("\\s+");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = org.tusk.utils.adt.Ints.oidin(parts[i]).intValue();
        return out;
    }

    /**
     * int2vectorout / oidvectorout. A value built as an array (ARRAY[]::oidvector) must pass
     * check_valid_int2vector / check_valid_oidvector: one dimension, no NULLs, the right element type.
     */
    private static String vectorOut(Object v, int elemType, String typeName) {
        if (v instanceof org.tusk.utils.adt.ArrayValue a) {
            if (a.ndim() != 1 || a.elementList().contains(null) || a.elemType() != elemType)
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "array is not a valid " + typeName);
            StringBuilder sb = new StringBuilder();
            for (Object e : a.elementList()) {
                if (sb.length() > 0) sb.append(' ');
                sb.append(e instanceof Number n && elemType == OID ? Long.toUnsignedString(n.longValue() & 0xFFFFFFFFL) : e);
            }
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        if (v instanceof short[] s) {
            for (int i = 0; i < s.length; i++) sb.append(i > 0 ? " " : "").append(s[i]);
        } else {
            int[] o = (int[]) v;
            for (int i = 0; i < o.length; i++) sb.append(i > 0 ? " " : "").append(Integer.toUnsignedString(o[i]));
        }
        return sb.toString();
    }
}
