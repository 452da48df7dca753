package org.tusk.parser;

import static org.tusk.catalog.TypeOids.RECORD;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ColumnListFunction;
import org.tusk.catalog.PgProc;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.SqlState;

/**
 * The column definition list of a function in FROM (parse_relation.c
 * addRangeTableEntryForFunction with a coldeflist): required exactly when the function returns
 * record without OUT parameters (TYPEFUNC_RECORD), refused otherwise; its entries become the
 * function's columns, checked as CheckAttributeNamesTypes checks a composite type's (distinct
 * names, no pseudo-types but record itself); and a built-in that takes its row type from the
 * call ({@link ColumnListFunction}) is bound to them.
 */
final class ColumnDefinitionList {
    private final Analyzer a;

    ColumnDefinitionList(Analyzer a) {
        this.a = a;
    }

    /** The two errors of addRangeTableEntryForFunction about the presence of a list. */
    void check(boolean returnsRecord, List<Stmt.FuncColumnDef> coldefs, RawExpr.FuncCall call) {
        if (!coldefs.isEmpty() && !returnsRecord)
            throw a.err(SqlState.SYNTAX_ERROR, "a column definition list is only allowed for functions returning \"record\"",
                    coldefs.get(0).location());
        if (coldefs.isEmpty() && returnsRecord)
            throw a.err(SqlState.SYNTAX_ERROR, "a column definition list is required for functions returning \"record\"",
                    call.location());
    }

    /** The columns the list declares: each name with its type (typenameTypeIdAndMod). */
    List<ColumnDef> columns(List<Stmt.FuncColumnDef> coldefs) {
        List<ColumnDef> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stmt.FuncColumnDef c : coldefs) {
            ParseCoerce.ResolvedType t = ParseCoerce.resolveTypeName(c.type(), a.src());
            if (!seen.add(c.name()))
                throw a.err(SqlState.DUPLICATE_COLUMN, "column name \"" + c.name() + "\" specified more than once", -1);
            out.add(new ColumnDef(c.name(), t.oid(), t.typmod()));
        }
        return List.copyOf(out);
    }

    /** The call bound to the list's row type, when the function takes it from the call (expectedDesc). */
    Expr bind(Expr fn, List<ColumnDef> columns) {
        if (!(fn instanceof Expr.FuncExpr f) || !(f.proc().impl() instanceof ColumnListFunction clf)) return fn;
        PgProc p = f.proc();
        PgProc bound = new PgProc(p.oid(), p.name(), p.argTypes(), RECORD, p.strict(), p.volatility(), p.variadicAny(),
                clf.bindColumns(columns));
        return new Expr.FuncExpr(bound, f.args(), f.type(), f.location());
    }
}
