package org.tusk.benchchart;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The main table of a bench/results markdown file: rows {@code | measure | Tusk | PostgreSQL | ratio |}
 * as bench/storage_helper.py prints them. Cells are "median (min–max)", "error: …" or "n/a"; the
 * ratio "1.23×" or "—". Rows whose label starts with "…" continue the row above, and get its
 * subject (the label up to its last colon) as a prefix so that the chart's labels stand alone.
 */
record ResultsTable(List<Row> rows) {
    /** One measure: medians (NaN when a side has none) and the ratio (NaN when there is none). */
    record Row(String label, double tusk, double pg, double ratio) {}

    private static final Pattern NUMBER = Pattern.compile("^-?[0-9][0-9,]*(\\.[0-9]+)?");
    private static final Pattern IDLE = Pattern.compile("PSS of the whole server, ([0-9]+) idle connections");

    static ResultsTable parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        String subject = "";
        for (String line : lines) {
            String t = line.strip();
            if (!t.startsWith("|")) {
                if (inTable) break; // only the first table that has a ratio column
                continue;
            }
            List<String> cells = cells(t);
            if (!inTable) {
                if (cells.size() == 4 && cells.get(3).startsWith("ratio")) inTable = true;
                continue;
            }
            if (cells.size() != 4 || cells.get(0).startsWith("---")) continue;
            String label = cells.get(0);
            if (label.startsWith("…")) {
                label = subject + " " + label.substring(1).strip();
            } else {
                int colon = label.lastIndexOf(':');
                subject = colon > 0 ? label.substring(0, colon) : label;
            }
            rows.add(new Row(label, number(cells.get(1)), number(cells.get(2)), number(cells.get(3))));
        }
        return new ResultsTable(rows);
    }

    /** The rows that have a ratio, in table order. */
    List<Row> ratios() {
        return rows.stream().filter(r -> !Double.isNaN(r.ratio()) && r.ratio() > 0).toList();
    }

    /** Memory against connections: {connections, Tusk MiB, PostgreSQL MiB} for each level in the table. */
    List<double[]> memorySeries() {
        List<double[]> out = new ArrayList<>();
        for (Row r : rows) {
            Matcher m = IDLE.matcher(r.label());
            if (m.find()) out.add(new double[] {Integer.parseInt(m.group(1)), r.tusk(), r.pg()});
        }
        return out;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cur.append('|');
                i++;
            } else if (c == '|') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }

    /** The leading number of a cell ("1,234 (1,100–1,300)" gives 1234), NaN if it has none. */
    static double number(String cell) {
        Matcher m = NUMBER.matcher(cell.strip());
        return m.find() ? Double.parseDouble(m.group().replace(",", "")) : Double.NaN;
    }
}
