package org.tusk.utils.ruleutils;

import java.util.List;

import org.tusk.nodes.Query;
import org.tusk.utils.adt.OutputSettings;
import org.tusk.utils.adt.RegTypes;

/**
 * pg_get_viewdef and pg_get_ruledef of a view's "_RETURN" rule (ruleutils.c
 * pg_get_viewdef_worker, make_viewdef, make_ruledef): the defining query deparsed from its
 * analysed Query, in PostgreSQL 15's text. Tusk stores the SELECT's text and analyses it again
 * when it is used (see the rewriter); the caller analyses it the same way and hands the Query
 * here, with the view's column names (the AS labels follow them, as they follow the view's tuple
 * descriptor after a column RENAME) and the session's output settings (constants' text).
 */
public final class ViewDef {
    private ViewDef() {}

    /** GET_PRETTY_FLAGS(pretty). */
    public static int prettyFlags(boolean pretty) {
        return pretty ? DeparseContext.PRETTYFLAG_PAREN | DeparseContext.PRETTYFLAG_INDENT | DeparseContext.PRETTYFLAG_SCHEMA
                : DeparseContext.PRETTYFLAG_INDENT;
    }

    /** pg_get_viewdef(view[, pretty]): {@code prettyFlags} from {@link #prettyFlags}, every column on its own line. */
    public static String viewdef(Query query, List<String> columnNames, int prettyFlags, OutputSettings output) {
        return make(query, columnNames, prettyFlags, DeparseContext.WRAP_COLUMN_DEFAULT, output);
    }

    /** pg_get_viewdef(view, wrap): pretty, lines wrapped at column {@code wrap}. */
    public static String viewdefWrap(Query query, List<String> columnNames, int wrap, OutputSettings output) {
        return make(query, columnNames, prettyFlags(true), wrap, output);
    }

    /**
     * make_ruledef for a view's ON SELECT DO INSTEAD rule:
     * {@code CREATE RULE "_RETURN" AS\n    ON SELECT TO public.v DO INSTEAD  SELECT ...;}
     * ({@code relationName} qualified unless PRETTYFLAG_SCHEMA).
     */
    public static String ruledef(String ruleName, String relationName, Query query, List<String> columnNames,
                                 int prettyFlags, OutputSettings output) {
        StringBuilder buf = new StringBuilder("CREATE RULE ").append(RegTypes.quote(ruleName)).append(" AS");
        buf.append((prettyFlags & DeparseContext.PRETTYFLAG_INDENT) != 0 ? "\n    ON " : " ON ");
        buf.append("SELECT TO ").append(relationName).append(" DO INSTEAD ");
        buf.append(make(query, columnNames, prettyFlags, DeparseContext.WRAP_COLUMN_DEFAULT, output));
        return buf.toString();
    }

    /** make_viewdef: the query at indentation 0, then ";". The rule's OLD and NEW entries reserve their names. */
    private static String make(Query query, List<String> columnNames, int prettyFlags, int wrapColumn,
                               OutputSettings output) {
        StringBuilder buf = new StringBuilder();
        QueryDeparser.getQueryDef(query, buf, List.of(), List.of("old", "new"), columnNames, true, prettyFlags, wrapColumn,
                0, output);
        buf.append(';');
        return buf.toString();
    }
}
