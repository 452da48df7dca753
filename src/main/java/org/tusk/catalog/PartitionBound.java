package org.tusk.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.adt.OutputSettings;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * One partition's bound (PostgreSQL's PartitionBoundSpec after transformPartitionBound: every
 * datum a constant of its key column's type) and its text form in pg_class.relpartbound.
 *
 * <p>Tusk keeps expressions as SQL text in pg_node_tree columns (see package-info), so
 * relpartbound holds exactly what pg_get_expr prints for the bound (ruleutils.c get_rule_expr
 * for a PartitionBoundSpec): {@code FOR VALUES IN (1, 2)}, {@code FOR VALUES FROM (MINVALUE) TO
 * ('x')}, {@code FOR VALUES WITH (modulus 4, remainder 1)} or {@code DEFAULT}. Constants are
 * written as get_const_expr writes them with showtype -1: int4 and numeric bare (negative ones
 * quoted), booleans as true/false, everything else as a quoted literal. {@link #parse} reads
 * that text back through the key types' input functions.
 *
 * @param strategy  'l', 'r', 'h' or 'd' (the default partition)
 * @param listDatums for 'l': the values, null for NULL
 * @param lower     for 'r': the lower bound, one datum per key column
 * @param upper     for 'r': the upper bound (exclusive)
 */
public record PartitionBound(char strategy, List<Object> listDatums, List<RangeDatum> lower, List<RangeDatum> upper,
                             int modulus, int remainder) {

    /** PartitionRangeDatum: {@code kind} -1 MINVALUE, 0 a value, 1 MAXVALUE. */
    public record RangeDatum(int kind, Object value) {
        public static final int MINVALUE = -1, VALUE = 0, MAXVALUE = 1;
    }

    public static PartitionBound defaultBound() {
        return new PartitionBound('d', null, null, null, -1, -1);
    }

    public boolean isDefault() { return strategy == 'd'; }

    /** get_rule_expr's text for the bound (pg_get_expr of relpartbound). */
    public String toSql(PartitionKey key) {
        StringBuilder sb = new StringBuilder();
        switch (strategy) {
            case 'd' -> sb.append("DEFAULT");
            case 'h' -> sb.append("FOR VALUES WITH (modulus ").append(modulus).append(", remainder ").append(remainder).append(')');
            case 'l' -> {
                sb.append("FOR VALUES IN (");
                for (int i = 0; i < listDatums.size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(constSql(listDatums.get(i), key.typeOid(0)));
                }
                sb.append(')');
            }
            default -> sb.append("FOR VALUES FROM ").append(rangeSql(lower, key)).append(" TO ").append(rangeSql(upper, key));
        }
        return sb.toString();
    }

    /** get_range_partbound_string. */
    public static String rangeSql(List<RangeDatum> datums, PartitionKey key) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < datums.size(); i++) {
            if (i > 0) sb.append(", ");
            RangeDatum d = datums.get(i);
            sb.append(d.kind() == RangeDatum.MINVALUE ? "MINVALUE" : d.kind() == RangeDatum.MAXVALUE ? "MAXVALUE"
                    : constSql(d.value(), key.typeOid(i)));
        }
        return sb.append(')').toString();
    }

    /** get_const_expr(..., showtype -1): a constant as ruleutils prints it without a type label. */
    public static String constSql(Object value, int typeOid) {
        if (value == null) return "NULL";
        String text = BuiltinCatalog.type(typeOid).output().out(value, OutputSettings.DEFAULT);
        switch (typeOid) {
            case TypeOids.INT4:
                return text.startsWith("-") ? "'" + text + "'" : text;
            case TypeOids.NUMERIC:
                return !text.isEmpty() && Character.isDigit(text.charAt(0)) ? text : "'" + text + "'";
            case TypeOids.BOOL:
                return "t".equals(text) || "true".equals(text) ? "true" : "false";
            default:
                return quoteLiteral(text);
        }
    }

    /** simple_quote_literal: quotes doubled, and backslashes with an E prefix. */
    private static String quoteLiteral(String s) {
        boolean backslash = s.indexOf('\\') >= 0;
        StringBuilder sb = new StringBuilder(backslash ? "E'" : "'");
        for (char c : s.toCharArray()) {
            if (c == '\'' || c == '\\') sb.append(c);
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /** Reads relpartbound text written by {@link #toSql} back, with the key's types. */
    public static PartitionBound parse(String text, PartitionKey key) {
        if (text.equals("DEFAULT")) return defaultBound();
        Reader r = new Reader(text);
        r.expect("FOR VALUES ");
        if (r.accept("WITH (modulus ")) {
            int modulus = Integer.parseInt(r.until(','));
            r.expect(", remainder ");
            int remainder = Integer.parseInt(r.until(')'));
            return new PartitionBound('h', null, null, null, modulus, remainder);
        }
        if (r.accept("IN ")) {
            List<Object> values = new ArrayList<>();
            for (RangeDatum d : r.datums(key, true)) values.add(d.value());
            return new PartitionBound('l', values, null, null, -1, -1);
        }
        r.expect("FROM ");
        List<RangeDatum> lower = r.datums(key, false);
        r.expect(" TO ");
        List<RangeDatum> upper = r.datums(key, false);
        return new PartitionBound('r', null, lower, upper, -1, -1);
    }

    /** A cursor over relpartbound text. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) { this.s = s; }

        boolean accept(String word) {
            if (!s.startsWith(word, pos)) return false;
            pos += word.length();
            return true;
        }

        void expect(String word) {
            if (!accept(word)) throw PgException.error(SqlState.INTERNAL_ERROR, "invalid partition bound \"" + s + "\"");
        }

        String until(char c) {
            int end = s.indexOf(c, pos);
            String out = s.substring(pos, end);
            pos = end;
            return out;
        }

        /** '(' datum [, datum ...] ')', the i-th datum of a range bound typed as key column i. */
        List<RangeDatum> datums(PartitionKey key, boolean list) {
            expect("(");
            List<RangeDatum> out = new ArrayList<>();
            do {
                int typeOid = key.typeOid(list ? 0 : out.size());
                if (accept("NULL")) out.add(new RangeDatum(RangeDatum.VALUE, null));
                else if (accept("MINVALUE")) out.add(new RangeDatum(RangeDatum.MINVALUE, null));
                else if (accept("MAXVALUE")) out.add(new RangeDatum(RangeDatum.MAXVALUE, null));
                else out.add(new RangeDatum(RangeDatum.VALUE, BuiltinCatalog.type(typeOid).input().in(literal(), org.tusk.utils.adt.InputSettings.DEFAULT)));
            } while (accept(", "));
            expect(")");
            return out;
        }

        private String literal() {
            boolean escaped = accept("E'");
            if (!escaped && !accept("'")) {
                int start = pos;
                while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ')') pos++;
                return s.substring(start, pos);
            }
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(pos++);
                if (c == '\'' || (escaped && c == '\\')) {
                    if (pos < s.length() && s.charAt(pos) == c) {
                        sb.append(c);
                        pos++;
                        continue;
                    }
                    if (c == '\'') return sb.toString();
                }
                sb.append(c);
            }
        }
    }

    /**
     * partition_rbound_datum_cmp / partition_rbound_cmp without the lower/upper tie-break: compares
     * two range bounds column by column; MINVALUE and MAXVALUE end the comparison (nothing after
     * them matters). Values compare by their key column's btree support (partsupfunc).
     */
    public static int compareRange(PartitionKey key, List<RangeDatum> a, List<RangeDatum> b) {
        for (int i = 0; i < a.size(); i++) {
            RangeDatum x = a.get(i), y = b.get(i);
            if (x.kind() != y.kind()) return Integer.compare(x.kind(), y.kind());
            if (x.kind() != RangeDatum.VALUE) return 0;
            int c = compare(key, i, x.value(), y.value());
            if (c != 0) return c;
        }
        return 0;
    }

    /**
     * partition_rbound_datum_cmp: a range bound against a row's key values (no NULLs): negative if
     * the bound sorts before the tuple, zero if equal, positive after.
     */
    public static int compareToTuple(PartitionKey key, List<RangeDatum> bound, Object[] values) {
        for (int i = 0; i < bound.size(); i++) {
            RangeDatum d = bound.get(i);
            if (d.kind() == RangeDatum.MINVALUE) return -1;
            if (d.kind() == RangeDatum.MAXVALUE) return 1;
            int c = compare(key, i, d.value(), values[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    /** Whether a row with non-null key {@code values} falls in this range partition: lower <= key < upper. */
    public boolean rangeContains(PartitionKey key, Object[] values) {
        return compareToTuple(key, lower, values) <= 0 && compareToTuple(key, upper, values) > 0;
    }

    /** Whether a list partition accepts {@code value} (null matching a NULL in the list), equal by the key's btree support. */
    public boolean listContains(PartitionKey key, Object value) {
        for (Object d : listDatums) {
            if (d == null ? value == null : value != null && compare(key, 0, d, value) == 0) return true;
        }
        return false;
    }

    /** The key's comparison of element {@code i} ({@link PartitionKey#compare}); without a key, the values' own ordering. */
    private static int compare(PartitionKey key, int i, Object a, Object b) {
        return key == null ? org.tusk.utils.adt.Comparisons.compare(0, a, b) : key.compare(i, a, b);
    }

    /**
     * The type whose btree operator class compares key column {@code i}'s values (the key's
     * partsupfunc: its type's, a domain's base type's, or the input type of the class written
     * when the key is binary-coercible to it): a character key compares without its
     * trailing blanks (bpcharcmp), so 'a'::bpchar finds the partition of 'a'::char(3).
     */
    public static int keyType(PartitionKey key, int i) {
        if (key == null || i >= key.count()) return 0;
        int base = TypeCache.baseType(key.typeOid(i));
        // a class of a type the key is binary-coercible to compares as that type (oid_ops on int4: btoidcmp)
        int coerced = BtreeOpclasses.partitionComparisonType(key.opclasses()[i], base);
        return coerced != 0 ? coerced : base;
    }
}
