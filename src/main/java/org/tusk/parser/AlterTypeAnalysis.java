package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.adt.FormatType;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The analysis part of ALTER TABLE ... ALTER COLUMN ... TYPE (tablecmds.c ATPrepAlterColumnType):
 * the expression that computes a row's new value of the column from the row as it is, the
 * column itself or the USING expression over the table's columns, coerced to the new type in
 * assignment context, and whether storing that needs the table rewritten
 * (ATColumnChangeRequiresRewrite).
 */
public final class AlterTypeAnalysis {
    private AlterTypeAnalysis() {}

    /**
     * @param expr    the new value, over the old row (Vars of range table entry 1 are its columns)
     * @param rewrite false when every stored value is already a valid value of the new type
     *                (a binary-coercible change such as varchar to text, or a wider varchar)
     */
    public record Transform(Expr expr, boolean rewrite) {}

    /**
     * transformExpr + coerce_to_target_type for column {@code attnum} of {@code rel}. Errors as
     * PostgreSQL's: 42804 'column "c" cannot be cast automatically to type t' with the HINT to
     * specify USING, or for a USING expression 'result of USING clause for column "c" cannot be
     * cast automatically to type t'.
     */
    public static Transform transform(Relation rel, int attnum, int typeOid, int typmod, RawExpr using, String usingSql,
                                      InputSettings zone, String currentDatabase, ExecEnvironment env) {
        String sql = usingSql == null ? "" : usingSql;
        Analyzer a = Analyzer.forExpression(sql, zone, currentDatabase, env);
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < rel.desc().natts(); i++) {
            var att = rel.desc().attr(i);
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), rel.atttypid(i + 1), rel.atttypmod(i + 1)));
        }
        a.setRangeTableEntry(new Query.RangeTblEntry(rel.name(), null, rel.name(), null, List.copyOf(cols), rel));
        a.setExprKind("ALTER TABLE ... USING");
        String column = rel.desc().attr(attnum - 1).name();
        ColumnDef old = cols.get(attnum - 1);
        Expr source = using == null ? new Expr.Var(1, attnum, old.typeOid(), old.typmod(), column, -1)
                : a.transformExpr(using);
        if (org.tusk.nodes.ExprTrees.any(source, x -> x instanceof Expr.Var v && v.attno() > cols.size())) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "system columns in ALTER COLUMN TYPE ... USING are not supported yet");
        }
        String target = FormatType.format(typeOid, typmod, true);
        if (source.type() != typeOid && !ParseCoerce.canCoerce(source.type(), typeOid, Context.ASSIGNMENT)) {
            if (using == null) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "column \"" + column
                        + "\" cannot be cast automatically to type " + target)
                        .withHint("You might need to specify \"USING " + Texts.quoteIdentifier(column) + "::" + target + "\".");
            }
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "result of USING clause for column \"" + column
                    + "\" cannot be cast automatically to type " + target)
                    .withHint("You might need to add an explicit cast.");
        }
        Expr expr = a.coerce(source, typeOid, typmod, Context.ASSIGNMENT, -1);
        return new Transform(expr, requiresRewrite(expr, attnum, old, typeOid, typmod, using == null));
    }

    /**
     * ATColumnChangeRequiresRewrite: no rewrite when the new value is the old column itself, at
     * most relabelled (varchar to text), or when a varchar is only widened (varchar_support
     * removes the length coercion when the new length is unlimited or at least the old one).
     */
    private static boolean requiresRewrite(Expr expr, int attnum, ColumnDef old, int typeOid, int typmod,
                                           boolean noUsing) {
        Expr e = expr;
        while (e instanceof Expr.RelabelType r) e = r.arg();
        if (e instanceof Expr.Var v && v.attno() == attnum && v.levelsup() == 0) return false;
        boolean varcharWidened = typeOid == org.tusk.catalog.TypeOids.VARCHAR && old.typeOid() == typeOid
                && (typmod < 0 || old.typmod() >= 0 && typmod >= old.typmod());
        return !(noUsing && varcharWidened && refersOnlyTo(expr, attnum));
    }

    private static boolean refersOnlyTo(Expr e, int attnum) {
        return !org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.Var v && v.attno() != attnum);
    }
}
