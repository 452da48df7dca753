package org.tusk.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL 15's pg_proc OIDs (pg_proc.dat, resource pg_proc_oids.tsv): by name and argument
 * types, and, for the functions whose last parameter is VARIADIC "any" (concat, format, ...), by
 * name. {@link BuiltinRegistry} gives each built-in function PostgreSQL's OID from here while
 * the built-in tables are built; only that build reads it.
 */
record Pg15ProcOids(Map<String, Integer> byKey, Map<String, Integer> variadicAnyByName) {
    /** pg_type.dat's OID of the pseudo-type "any". */
    static final int ANY = 2276;

    static Pg15ProcOids load() {
        Map<String, Integer> byKey = new HashMap<>(4096);
        Map<String, Integer> variadic = new HashMap<>();
        for (String[] f : Pg15CatalogData.read("pg_proc_oids.tsv")) {
            int oid = Integer.parseInt(f[0]);
            byKey.put(f[1] + "\t" + f[2], oid);
            if (f[2].equals(Integer.toString(ANY)) || f[2].endsWith(" " + ANY)) variadic.putIfAbsent(f[1], oid);
        }
        return new Pg15ProcOids(Map.copyOf(byKey), Map.copyOf(variadic));
    }

    /** The key of a function: its name and its argument types as pg_proc_oids.tsv writes them. */
    static String key(String name, List<Integer> args) {
        StringBuilder b = new StringBuilder(name).append('\t');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) b.append(' ');
            b.append(Integer.toUnsignedString(args.get(i)));
        }
        return b.toString();
    }

    Integer oid(String name, List<Integer> args) { return byKey.get(key(name, args)); }

    Integer variadicAny(String name) { return variadicAnyByName.get(name); }
}
