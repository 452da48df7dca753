package org.tusk.utils.adt;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A value of an anonymous record type (a HeapTupleHeader Datum of type record): the column
 * types and values of one row, as a record-returning function called in the select list yields
 * it (jsonb_each(...) gives "(a,1)").
 */
public record RecordValue(List<Integer> types, List<Object> values) {
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
}
