package org.tusk.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.nodes.NodeFields;
import org.tusk.nodes.Stmt;

/**
 * makeDependencyGraph and TopologicalSort (parse_cte.c) for a WITH RECURSIVE list: which items
 * of the list each item's raw statement names (an unqualified name in FROM, or as an INSERT,
 * UPDATE or DELETE target, that no WITH nested inside captures first), which items therefore
 * refer to themselves (those are the recursive ones), and an order of analysis in which every
 * item comes after the items it reads. In WITH RECURSIVE any item may read any other, so the
 * items are analysed in that order rather than as written; a cycle between different items is
 * PostgreSQL's 0A000 "mutual recursion between WITH items is not implemented".
 *
 * <p>The walk is over the raw tree through {@link NodeFields}, as raw_expression_tree_walker
 * sees every component; a nested WITH hides its names from its own body (a recursive one also
 * from all of its items, a plain one from the items after the one naming it).
 */
final class CteDependencies {
    private final List<Stmt.CommonTableExpr> items;
    /** depends[i]: indexes of other items item i reads. */
    private final List<Set<Integer>> depends = new ArrayList<>();
    private final boolean[] recursive;

    private CteDependencies(List<Stmt.CommonTableExpr> items) {
        this.items = items;
        this.recursive = new boolean[items.size()];
    }

    /** Builds the graph of {@code items} (the items of one WITH RECURSIVE clause). */
    static CteDependencies of(List<Stmt.CommonTableExpr> items) {
        CteDependencies g = new CteDependencies(items);
        for (int i = 0; i < items.size(); i++) {
            Set<Integer> refs = new HashSet<>();
            Stmt.CommonTableExpr cte = items.get(i);
            g.walk(cte.modifying() != null ? cte.modifying() : cte.query(), new HashSet<>(), refs);
            g.recursive[i] = refs.remove(i);
            g.depends.add(refs);
        }
        return g;
    }

    /** Whether item {@code i} refers to itself (cterecursive). */
    boolean recursive(int i) {
        return recursive[i];
    }

    /**
     * TopologicalSort: the item indexes in an order where each comes after those it reads,
     * choosing the earliest-written ready item each time; 0A000 at the first item left when only
     * a cycle remains.
     */
    List<Integer> analysisOrder(Analyzer a) {
        List<Integer> order = new ArrayList<>();
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) left.add(i);
        while (!left.isEmpty()) {
            Integer ready = null;
            for (int i : left)
                if (order.containsAll(depends.get(i))) {
                    ready = i;
                    break;
                }
            if (ready == null)
                throw a.err("0A000", "mutual recursion between WITH items is not implemented",
                        items.get(left.get(0)).location());
            order.add(ready);
            left.remove(ready);
        }
        return order;
    }

    private int indexOf(String name) {
        for (int i = 0; i < items.size(); i++)
            if (items.get(i).name().equals(name)) return i;
        return -1;
    }

    private void walk(Object node, Set<String> hidden, Set<Integer> refs) {
        switch (node) {
            case null -> { }
            case Stmt.RangeVar rv -> {
                if (rv.schema() != null || hidden.contains(rv.name())) return;
                int i = indexOf(rv.name());
                if (i >= 0) refs.add(i);
            }
            case List<?> list -> {
                for (Object o : list) walk(o, hidden, refs);
            }
            case Record r -> {
                List<Object> children = NodeFields.children(r);
                Stmt.WithClause with = null;
                for (Object c : children)
                    if (c instanceof Stmt.WithClause w) with = w;
                if (with == null) {
                    for (Object c : children) walk(c, hidden, refs);
                    return;
                }
                Set<String> inner = new HashSet<>(hidden);
                if (with.recursive()) {
                    for (Stmt.CommonTableExpr c : with.ctes()) inner.add(c.name());
                    for (Stmt.CommonTableExpr c : with.ctes()) walkCte(c, inner, refs);
                } else {
                    for (Stmt.CommonTableExpr c : with.ctes()) {
                        walkCte(c, inner, refs);
                        inner.add(c.name());
                    }
                }
                for (Object c : children)
                    if (c != with) walk(c, inner, refs);
            }
            default -> { }
        }
    }

    private void walkCte(Stmt.CommonTableExpr c, Set<String> hidden, Set<Integer> refs) {
        walk(c.modifying() != null ? c.modifying() : c.query(), new HashSet<>(hidden), refs);
    }
}
