package org.tusk.utils.ruleutils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.nodes.Query;

/**
 * One query level being deparsed (ruleutils.c deparse_namespace): the query and the name each of
 * its range table entries is printed with. Names are chosen by {@link #setRtableNames}, which
 * mirrors set_rtable_names: the alias, else the relation's or function's or CTE's name; a name
 * already used at this level or by an enclosing level gets "_N" appended (a recursive CTE's
 * reference to itself inside its own query becomes {@code nums_1}). An unnamed join has no name.
 */
final class DeparseNamespace {
    final Query query;
    /** rtable_names: one entry per range table entry, null for an unnamed join. */
    final List<String> rtableNames;
    /**
     * funcname and argnames of the namespace print_function_sqlbody puts outermost: a SQL
     * function's name and its arguments' names (null or "" for an unnamed one), by which its
     * parameters print; null on a query level's namespace.
     */
    final String funcname;
    final List<String> argnames;

    private DeparseNamespace(Query query, List<String> rtableNames) {
        this(query, rtableNames, null, null);
    }

    private DeparseNamespace(Query query, List<String> rtableNames, String funcname, List<String> argnames) {
        this.query = query;
        this.rtableNames = rtableNames;
        this.funcname = funcname;
        this.argnames = argnames;
    }

    /** The namespace of a SQL function whose body is printed: no range table, only the argument names. */
    static DeparseNamespace forFunction(String funcname, List<String> argnames) {
        return new DeparseNamespace(null, List.of(), funcname, List.copyOf(argnames));
    }

    /**
     * set_deparse_for_query / set_rtable_names for {@code query} below {@code parents}
     * (innermost first). {@code reserved} are names taken at this level before the range table
     * is named (a view's OLD and NEW entries, which PostgreSQL keeps at the head of its rtable).
     */
    static DeparseNamespace setRtableNames(Query query, List<DeparseNamespace> parents, List<String> reserved) {
        Map<String, Integer> counters = new HashMap<>();
        for (DeparseNamespace p : parents)
            for (String n : p.rtableNames) if (n != null) counters.put(n, 0);
        for (String n : reserved) counters.put(n, 0);
        List<String> names = new ArrayList<>();
        for (Query.RangeTblEntry rte : query.rangeTable()) {
            String refname = baseName(rte);
            if (refname != null) {
                Integer counter = counters.get(refname);
                if (counter != null) {
                    String modname;
                    do {
                        counter++;
                        modname = refname + "_" + counter;
                    } while (counters.containsKey(modname));
                    counters.put(refname, counter);
                    counters.put(modname, 0);
                    refname = modname;
                } else {
                    counters.put(refname, 0);
                }
            }
            names.add(refname);
        }
        return new DeparseNamespace(query, names);
    }

    /** The name set_rtable_names starts from: the alias or the parser's name; null for an unnamed join. */
    private static String baseName(Query.RangeTblEntry rte) {
        if (rte.kind() == Query.RteKind.JOIN) return rte.refname();
        if (rte.refname() != null) return rte.refname();
        if (rte.kind() == Query.RteKind.RELATION) return rte.relname();
        if (rte.kind() == Query.RteKind.CTE) return rte.cteName();
        return null;
    }

    /** The printed name of range table entry {@code rtindex} (1-based). */
    String name(int rtindex) {
        return rtableNames.get(rtindex - 1);
    }

    Query.RangeTblEntry rte(int rtindex) {
        return query.rangeTable().get(rtindex - 1);
    }
}
