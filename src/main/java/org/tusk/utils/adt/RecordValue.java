package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A composite Datum (a HeapTupleHeader Datum, htup_details.h's t_choice.t_datum): the type it
 * carries ({@code typeOid}: a named composite type, or RECORD 2249 for an anonymous row, as
 * HeapTupleHeaderGetTypeId), and the column types and values of one row. Values may be null.
 *
 * <p>Equality and ordering are record_eq / btrecordcmp (rowtypes.c): column by column with each
 * type's default ordering, a NULL column equal to a NULL one and greater than any value; the
 * shorter row sorts first when one is a prefix of the other. The type OID does not take part,
 * as record comparison looks only at the columns. hashCode agrees with that equality.
 */
public record RecordValue(int typeOid, List<Integer> types, List<Object> values, List<String> names)
        implements Comparable<RecordValue> {
    /** RECORDOID. */
    public static final int RECORD = 2249;

    /**
     * {@code names} are the field names a row constructor or whole-row reference gave an
     * anonymous record (PostgreSQL keeps them in the blessed record type's descriptor); null
     * when unknown, and never part of equality.
     */
    public RecordValue {
        types = List.copyOf(types);
        values = Collections.unmodifiableList(new ArrayList<>(values));
        names = names == null ? null : List.copyOf(names);
    }

    /** A value of composite type {@code typeOid} without field names of its own. */
    public RecordValue(int typeOid, List<Integer> types, List<Object> values) {
        this(typeOid, types, values, null);
    }

    /** An anonymous record. */
    public RecordValue(List<Integer> types, List<Object> values) {
        this(RECORD, types, values, null);
    }

    public int size() { return values.size(); }

    public Object get(int i) { return values.get(i); }

    /** The same columns labelled with another composite type (a RelabelType to or from record). */
    public RecordValue withType(int newTypeOid) {
        return new RecordValue(newTypeOid, types, values, names);
    }

    /** This row with column {@code i} (0-based) replaced by {@code v} of type {@code type}. */
    public RecordValue with(int i, int type, Object v) {
        List<Integer> t = new ArrayList<>(types);
        List<Object> x = new ArrayList<>(values);
        t.set(i, type);
        x.set(i, v);
        return new RecordValue(typeOid, t, x, names);
    }

    /** Whether every column is NULL (a row IS NULL). */
    public boolean allNull() {
        for (Object v : values) if (v != null) return false;
        return true;
    }

    /** Whether no column is NULL (a row IS NOT NULL). */
    public boolean noneNull() {
        for (Object v : values) if (v == null) return false;
        return true;
    }

    /**
     * record_out: the columns in parentheses, separated by commas, NULL as nothing; a value that
     * is empty or contains a quote, backslash, parenthesis, comma or white space is double-quoted
     * with quotes and backslashes doubled. {@code columnOut} is the output function of a type.
     */
    public String out(BiFunction<Integer, Object, String> columnOut) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(',');
            Object v = values.get(i);
            if (v == null) continue;
            String s = columnOut.apply(types.get(i), v);
            boolean quote = s.isEmpty();
            for (int k = 0; k < s.length() && !quote; k++) {
                char c = s.charAt(k);
                quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || Character.isWhitespace(c);
            }
            if (!quote) {
                sb.append(s);
                continue;
            }
            sb.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '"' || c == '\\') sb.append(c);
                sb.append(c);
            }
            sb.append('"');
        }
        return sb.append(')').toString();
    }

    /** btrecordcmp: column-wise, NULL greater than any value and equal to NULL. */
    @Override
    public int compareTo(RecordValue o) {
        int n = Math.min(values.size(), o.values.size());
        for (int i = 0; i < n; i++) {
            Object a = values.get(i), b = o.values.get(i);
            if (a == null || b == null) {
                if (a == null && b == null) continue;
                return a == null ? 1 : -1;
            }
            int c = Comparisons.compare(columnType(i), a, b);
            if (c != 0) return c;
        }
        return Integer.compare(values.size(), o.values.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordValue r && compareTo(r) == 0;
    }

    /** The type of column {@code i}, whose default operator classes compare and hash it (0 if unknown). */
    private int columnType(int i) {
        return i < types.size() && types.get(i) != null ? types.get(i) : 0;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < values.size(); i++) h = 31 * h + Comparisons.hash(columnType(i), values.get(i));
        return h;
    }
}
