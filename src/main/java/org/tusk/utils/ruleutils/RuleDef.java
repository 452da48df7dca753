package org.tusk.utils.ruleutils;

import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.utils.adt.OutputSettings;
import org.tusk.utils.adt.RegTypes;

/**
 * pg_get_ruledef of a rule other than a view's "_RETURN" (ruleutils.c make_ruledef):
 * {@code CREATE RULE name AS ON event TO rel [WHERE cond] DO [INSTEAD] action}, the actions
 * (analysed again from pg_rewrite by the caller, OLD and NEW as the reserved varnos of
 * {@link Query#PRS2_OLD_VARNO}) printed by get_query_def at indentation 0, several of them in
 * parentheses, none as NOTHING.
 */
public final class RuleDef {
    private RuleDef() {}

    /**
     * make_ruledef. {@code evType} is pg_rewrite.ev_type ('2' UPDATE, '3' INSERT, '4' DELETE);
     * {@code relationName} qualified unless PRETTYFLAG_SCHEMA, as the caller names it.
     */
    public static String ruledef(String ruleName, char evType, String relationName, boolean instead, Expr qual,
                                 List<Query> actions, int prettyFlags, OutputSettings output) {
        StringBuilder buf = new StringBuilder("CREATE RULE ").append(RegTypes.quote(ruleName)).append(" AS");
        buf.append((prettyFlags & DeparseContext.PRETTYFLAG_INDENT) != 0 ? "\n    ON " : " ON ");
        buf.append(switch (evType) {
            case '1' -> "SELECT";
            case '2' -> "UPDATE";
            case '3' -> "INSERT";
            default -> "DELETE";
        });
        buf.append(" TO ").append(relationName);
        if (qual != null) {
            if ((prettyFlags & DeparseContext.PRETTYFLAG_INDENT) != 0) buf.append("\n  ");
            buf.append(" WHERE ");
            // the condition's Vars are OLD and NEW only, which print with their prefix
            Query first = actions.isEmpty() ? null : actions.get(0);
            List<DeparseNamespace> namespaces = first == null ? List.of()
                    : List.of(DeparseNamespace.setRtableNames(first, List.of(), List.of("old", "new")));
            DeparseContext ctx = new DeparseContext(buf, namespaces, prettyFlags, DeparseContext.WRAP_COLUMN_DEFAULT,
                    DeparseContext.PRETTYINDENT_STD);
            ctx.output = output;
            ctx.varprefix = true;
            new RuleExpr(ctx).expr(qual, false);
        }
        buf.append(" DO ");
        if (instead) buf.append("INSTEAD ");
        if (actions.size() > 1) {
            buf.append('(');
            for (Query q : actions) {
                action(q, buf, prettyFlags, output);
                buf.append(prettyFlags != 0 ? ";\n" : "; ");
            }
            buf.append(");");
        } else if (actions.isEmpty()) {
            buf.append("NOTHING;");
        } else {
            action(actions.get(0), buf, prettyFlags, output);
            buf.append(';');
        }
        return buf.toString();
    }

    /** get_query_def of one action; the rule's OLD and NEW entries reserve their names. */
    private static void action(Query q, StringBuilder buf, int prettyFlags, OutputSettings output) {
        QueryDeparser.getQueryDef(q, buf, List.of(), List.of("old", "new"), null, true, prettyFlags,
                DeparseContext.WRAP_COLUMN_DEFAULT, 0, output);
    }
}
