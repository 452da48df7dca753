package org.tusk.utils.misc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's {@code SplitIdentifierString}: splits "a, \"B c\", d" into identifiers, folding
 * unquoted names to lower case and collapsing doubled quotes in quoted ones. List-valued
 * parameters (search_path, DateStyle) are validated with it.
 */
final class IdentifierList {
    private IdentifierList() {}

    /** The identifiers, or null when the list syntax is invalid. An empty string is an empty list. */
    static List<String> split(String raw, char separator) {
        List<String> names = new ArrayList<>();
        int i = CNumberParser.skipSpace(raw, 0);
        if (i == raw.length()) {
            return names;
        }
        while (true) {
            StringBuilder name = new StringBuilder();
            if (raw.charAt(i) == '"') {
                i++;
                while (true) {
                    int end = raw.indexOf('"', i);
                    if (end < 0) {
                        return null; // mismatched quotes
                    }
                    name.append(raw, i, end);
                    if (end + 1 < raw.length() && raw.charAt(end + 1) == '"') {
                        name.append('"');
                        i = end + 2;
                        continue;
                    }
                    i = end + 1;
                    break;
                }
            } else {
                int start = i;
                while (i < raw.length() && raw.charAt(i) != separator && !CNumberParser.isSpace(raw.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    return null; // empty unquoted name
                }
                name.append(raw.substring(start, i).toLowerCase(Locale.ROOT));
            }
            names.add(name.toString());
            i = CNumberParser.skipSpace(raw, i);
            if (i == raw.length()) {
                return names;
            }
            if (raw.charAt(i) != separator) {
                return null;
            }
            i = CNumberParser.skipSpace(raw, i + 1);
            if (i == raw.length()) {
                return null; // a separator must be followed by another name
            }
        }
    }
}
