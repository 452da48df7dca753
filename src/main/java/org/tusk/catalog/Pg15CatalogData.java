package org.tusk.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tab-separated tables of PostgreSQL 15's built-in catalog rows kept as resources next
 * to this class (pg_operator_oids.tsv, pg_cast_oids.tsv, pg_amop_btree.tsv): the OIDs PostgreSQL
 * gives its built-in operators, casts and operator-family members, so that the rows Tusk computes
 * for the objects it has carry the same OIDs as PostgreSQL's. Lines starting with '#' are comments.
 */
final class Pg15CatalogData {
    private Pg15CatalogData() {}

    static List<String[]> read(String resource) {
        var in = Pg15CatalogData.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("missing resource " + resource);
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                out.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Key of a (name, left type, right type) triple. */
    static String key(String name, long left, long right) {
        return name + "\t" + left + "\t" + right;
    }
}
