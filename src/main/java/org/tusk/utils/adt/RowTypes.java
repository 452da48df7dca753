package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The composite-type I/O and comparison functions of rowtypes.c: record_in for a named
 * composite type, and record_eq / record_ne / record_lt ... / btrecordcmp over
 * {@link RecordValue}s (whose column-wise ordering they use).
 */
public final class RowTypes {
    private RowTypes() {}

    /** A column's input function with its typmod applied (InputFunctionCall). */
    @FunctionalInterface
    public interface ColumnInput { Object in(int type, int typmod, String text); }

    /**
     * record_in: {@code (v1,v2,...)} with optional white space around the parentheses; an empty
     * column is NULL, double quotes protect commas, parentheses and white space ({@code ""} is a
     * quote inside them) and a backslash takes the next character literally. Errors are 22P02
     * "malformed record literal" with record_in's details.
     */
    public static RecordValue recordIn(String text, int typeOid, List<Integer> types, List<Integer> typmods,
                                       ColumnInput input) {
        int p = 0, n = text.length();
        while (p < n && isSpace(text.charAt(p))) p++;
        if (p >= n || text.charAt(p++) != '(') throw malformed(text, "Missing left parenthesis.");
        List<Object> values = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                if (p < n && text.charAt(p) == ',') p++;
                else throw malformed(text, "Too few columns.");
            }
            if (p < n && (text.charAt(p) == ',' || text.charAt(p) == ')')) {
                values.add(null);
                continue;
            }
            StringBuilder buf = new StringBuilder();
            boolean inQuote = false;
            while (inQuote || !(p < n && (text.charAt(p) == ',' || text.charAt(p) == ')'))) {
                if (p >= n) throw malformed(text, "Unexpected end of input.");
                char ch = text.charAt(p++);
                if (ch == '\\') {
                    if (p >= n) throw malformed(text, "Unexpected end of input.");
                    buf.append(text.charAt(p++));
                } else if (ch == '"') {
                    if (!inQuote) inQuote = true;
                    else if (p < n && text.charAt(p) == '"') {
                        buf.append('"');
                        p++;
                    } else inQuote = false;
                } else {
                    buf.append(ch);
                }
            }
            values.add(input.in(types.get(i), typmods.get(i), buf.toString()));
        }
        if (p >= n || text.charAt(p++) != ')') throw malformed(text, "Too many columns.");
        while (p < n && isSpace(text.charAt(p))) p++;
        if (p < n) throw malformed(text, "Junk after right parenthesis.");
        return new RecordValue(typeOid, types, values);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static PgException malformed(String text, String detail) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed record literal: \"" + text + "\"")
                .withDetail(detail);
    }

    /**
     * record_cmp's check that two rows can be compared: the same number of columns, and
     * matching column types (42804 "cannot compare dissimilar column types ... at record column
     * n"); {@code typeName} formats a type OID.
     */
    public static void checkComparable(RecordValue a, RecordValue b, java.util.function.IntFunction<String> typeName) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int ta = a.types().get(i), tb = b.types().get(i);
            if (ta != tb && a.get(i) != null && b.get(i) != null && !compatible(ta, tb))
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "cannot compare dissimilar column types "
                        + typeName.apply(ta) + " and " + typeName.apply(tb) + " at record column " + (i + 1));
        }
        if (a.size() != b.size())
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "cannot compare record types with different numbers of columns");
    }

    /** Types whose Java values compare directly (the string types, varchar against text). */
    private static boolean compatible(int a, int b) {
        return isString(a) && isString(b);
    }

    private static boolean isString(int t) {
        return t == 25 || t == 1043 || t == 1042 || t == 19;
    }

    /** btrecordcmp. */
    public static int cmp(RecordValue a, RecordValue b) {
        return a.compareTo(b);
    }
}
