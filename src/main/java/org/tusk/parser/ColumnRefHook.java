package org.tusk.parser;

import java.util.List;

import org.tusk.nodes.Expr;

/**
 * The parser hooks a procedural language installs for the statements of a function body
 * (parse_node.h's p_post_columnref_hook and p_paramref_hook, set by plpgsql_parser_setup): names
 * and $n references the query itself does not resolve may denote the language's variables.
 * Implementations allocate a Param for each variable they hand out and record its type in the
 * parameter type list given to {@link Analyzer}.
 */
public interface ColumnRefHook {
    /**
     * The variable (or record field) a column reference's dotted name denotes, as a Param, or
     * null if it denotes none. Called for every column reference; the analyzer decides whether a
     * column of the same name makes it ambiguous.
     */
    Expr columnRef(List<String> fields, int location);

    /** The variable {@code $number} denotes (a function argument), or null to let the analyzer decide. */
    Expr paramRef(int number, int location);

    /**
     * The columns {@code name.*} in a target list stands for when no FROM item of the query is
     * called {@code name} (a rule's OLD.* and NEW.*), or null: the name is then a missing FROM item.
     */
    default List<Expr> starRef(List<String> fields, int location) {
        return null;
    }
}
