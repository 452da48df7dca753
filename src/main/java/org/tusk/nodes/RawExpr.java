package org.tusk.nodes;

import java.util.List;

/**
 * Raw (un-analysed) expression nodes produced by the grammar, as PostgreSQL's parsenodes.h.
 * Every node carries {@code location}: the 0-based character offset of its leading token in
 * the whole query string, or -1 if unknown. Nothing here is typed or resolved yet.
 */
public sealed interface RawExpr {
    int location();

    /** A literal. kind tells how the scanner saw it; value is Integer, a digit String, a String, Boolean or null. */
    record AConst(Kind kind, Object value, int location) implements RawExpr {
        public enum Kind { INTEGER, NUMERIC, STRING, BOOLEAN, NULL }
    }

    /** A column reference: fields are identifiers; {@code star} for "x.*" or "*" (fields then excludes it). */
    record ColumnRef(List<String> fields, boolean star, int location) implements RawExpr {}

    /** $n. */
    record ParamRef(int number, int location) implements RawExpr {}

    /** A binary operator (lexpr != null) or prefix operator (lexpr == null). */
    record AExpr(String op, RawExpr lexpr, RawExpr rexpr, int location) implements RawExpr {}

    record BoolExpr(BoolOp op, List<RawExpr> args, int location) implements RawExpr {}

    enum BoolOp { AND, OR, NOT }

    record NullTest(RawExpr arg, boolean isNot, int location) implements RawExpr {}

    record BooleanTest(RawExpr arg, BoolTestType test, int location) implements RawExpr {}

    enum BoolTestType { IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE, IS_UNKNOWN, IS_NOT_UNKNOWN }

    /** a IS [NOT] DISTINCT FROM b. */
    record DistinctExpr(RawExpr lexpr, RawExpr rexpr, boolean not, int location) implements RawExpr {}

    record InList(RawExpr arg, List<RawExpr> list, boolean not, int location) implements RawExpr {}

    record Between(RawExpr arg, RawExpr low, RawExpr high, boolean not, boolean symmetric, int location) implements RawExpr {}

    /** LIKE (ilike=false) / ILIKE, optionally negated, optional ESCAPE. */
    record Like(RawExpr arg, RawExpr pattern, RawExpr escape, boolean ilike, boolean not, int location) implements RawExpr {}

    record TypeCast(RawExpr arg, TypeName type, int location) implements RawExpr {}

    /** CollateClause: {@code arg COLLATE collname}, the name possibly qualified. */
    record CollateClause(RawExpr arg, List<String> collname, int location) implements RawExpr {}

    /**
     * A function call. {@code star} for count(*); name is possibly schema-qualified.
     * {@code withinGroup} (agg_within_group): {@code aggOrder} came from WITHIN GROUP (ORDER BY
     * ...), so the call is to an ordered-set aggregate whose aggregated arguments are the sort keys.
     */
    record FuncCall(List<String> name, List<RawExpr> args, boolean star, boolean distinct, RawExpr filter,
                    List<Stmt.SortBy> aggOrder, int location, Stmt.WindowDef over, boolean withinGroup) implements RawExpr {
        public FuncCall(List<String> name, List<RawExpr> args, boolean star, boolean distinct, RawExpr filter,
                        List<Stmt.SortBy> aggOrder, int location, Stmt.WindowDef over) {
            this(name, args, star, distinct, filter, aggOrder, location, over, false);
        }

        public FuncCall(List<String> name, List<RawExpr> args, boolean star, boolean distinct, int location) {
            this(name, args, star, distinct, null, List.of(), location, null);
        }

        /** A call without OVER. */
        public FuncCall(List<String> name, List<RawExpr> args, boolean star, boolean distinct, RawExpr filter,
                        List<Stmt.SortBy> aggOrder, int location) {
            this(name, args, star, distinct, filter, aggOrder, location, null);
        }
    }

    /**
     * An element of GROUP BY that is not a plain expression (gram.y GroupingSet): {@code ()}
     * (EMPTY), ROLLUP (...), CUBE (...), GROUPING SETS (...), or (a, b) inside one of them
     * (SIMPLE: a set of expressions grouped together). Content items are expressions or nested
     * GroupingSets.
     */
    record GroupingSet(GroupingSetKind kind, List<RawExpr> content, int location) implements RawExpr {}

    enum GroupingSetKind { EMPTY, SIMPLE, ROLLUP, CUBE, SETS }

    /** GROUPING(a, b, ...) (gram.y GroupingFunc). */
    record GroupingFunc(List<RawExpr> args, int location) implements RawExpr {}

    /**
     * A subquery in an expression: EXISTS (sel), (sel) (EXPR), x op ANY/SOME/ALL (sel), x [NOT] IN
     * (sel) (ANY with "=", wrapped in NOT for NOT IN), ARRAY(sel). {@code operName} for ANY/ALL.
     */
    record SubLink(Kind kind, RawExpr testexpr, String operName, Stmt.SelectStmt subselect, int location) implements RawExpr {
        public enum Kind { EXISTS, ALL, ANY, EXPR, ARRAY }
    }

    record CaseWhen(RawExpr cond, RawExpr result, int location) {}

    record CaseExpr(RawExpr arg, List<CaseWhen> whens, RawExpr defResult, int location) implements RawExpr {}

    record Coalesce(List<RawExpr> args, int location) implements RawExpr {}

    record NullIf(RawExpr a, RawExpr b, int location) implements RawExpr {}

    record MinMax(boolean greatest, List<RawExpr> args, int location) implements RawExpr {}

    /**
     * CURRENT_TIMESTAMP, CURRENT_USER etc. (gram.y's SQLValueFunction); name is the keyword,
     * lower-case; {@code typmod} the precision of CURRENT_TIMESTAMP(p), LOCALTIME(p) ..., else -1.
     */
    record SqlValueFunction(String name, int location, int typmod) implements RawExpr {
        public SqlValueFunction(String name, int location) {
            this(name, location, -1);
        }
    }

    /** DEFAULT as a VALUES item or an UPDATE SET source (SetToDefault): the column's default. */
    record SetToDefault(int location) implements RawExpr {}

    /** ARRAY[...] (A_ArrayExpr); a nested bracket list without ARRAY is an element of the same kind. */
    record ArrayExpr(List<RawExpr> elements, int location) implements RawExpr {}

    /** One subscript of an indirection (A_Indices): {@code [upper]}, or {@code [lower:upper]} with either omitted. */
    record Subscript(boolean slice, RawExpr lower, RawExpr upper) {}

    /** {@code arg[...][...]} (A_Indirection with subscripts). */
    record Indirection(RawExpr arg, List<Subscript> subscripts, int location) implements RawExpr {}

    /**
     * One element of an assignment target's indirection (gram.y opt_indirection after a
     * set_target or insert_column_item's column): a subscript or a field name, exactly one set.
     */
    record IndirectionStep(Subscript subscript, String field, int location) {}

    /**
     * The value assigned through an INSERT/UPDATE target's indirection (ResTarget.indirection):
     * {@code col[i].f = value} is a ResTarget named col with this as its value, the steps in
     * source order. {@code value} is null for INSERT's column list (the VALUES or SELECT item is
     * supplied at analysis); it may be a SetToDefault, which analysis refuses.
     */
    record IndirectAssign(java.util.List<IndirectionStep> indirection, RawExpr value, int location) implements RawExpr {
        public IndirectAssign withValue(RawExpr v) { return new IndirectAssign(indirection, v, location); }
    }

    /** {@code left op ANY/SOME/ALL (array expression)} (AEXPR_OP_ANY / AEXPR_OP_ALL). */
    record ScalarArrayOp(String op, RawExpr left, RawExpr right, boolean all, int location) implements RawExpr {}

    /**
     * A row constructor (gram.y RowExpr): {@code ROW(a, b)} ({@code explicit}, which may have
     * any number of fields) or {@code (a, b, ...)} (implicit_row, at least two).
     */
    record RowExpr(List<RawExpr> args, boolean explicit, int location) implements RawExpr {}

    /**
     * Field selection from a composite value (A_Indirection with a String): {@code (arg).field},
     * or {@code (arg).*} when {@code field} is null.
     */
    record FieldSelection(RawExpr arg, String field, int location) implements RawExpr {}

    /**
     * One column of {@code UPDATE ... SET (a, b, ...) = source} (gram.y MultiAssignRef): the
     * {@code colno}-th (1-based) of {@code ncolumns} values the source yields.
     */
    record MultiAssignRef(RawExpr source, int colno, int ncolumns, int location) implements RawExpr {}

    /**
     * WHERE CURRENT OF cursor_name of UPDATE/DELETE (gram.y where_or_current_clause,
     * CurrentOfExpr): only ever the whole WHERE clause of those statements.
     */
    record CurrentOf(String cursorName, int location) implements RawExpr {}

    /** A construct the grammar accepts but analysis does not support yet (subqueries, arrays, ...). */
    record Unsupported(String what, int location) implements RawExpr {}

    /** A function argument in named notation, name => value or name := value (gram.y func_arg_expr, NamedArgExpr). */
    record NamedArg(RawExpr arg, String name, int location) implements RawExpr {}

    /** The last argument of a call written VARIADIC arg (FuncCall.func_variadic): an array passed as the variadic parameter. */
    record VariadicArg(RawExpr arg, int location) implements RawExpr {}
}
