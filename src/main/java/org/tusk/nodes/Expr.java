package org.tusk.nodes;

import java.util.List;

import org.tusk.catalog.PgAggregate;
import org.tusk.catalog.PgCast;
import org.tusk.catalog.PgOperator;
import org.tusk.catalog.PgProc;

/**
 * Analysed, typed expression nodes (PostgreSQL's primnodes.h). Every node knows its result
 * type OID and typmod; functions and operators are already resolved to catalog entries, and
 * all implicit coercions are explicit nodes. The executor evaluates these without looking
 * anything up.
 */
public sealed interface Expr {
    int type();

    default int typmod() { return -1; }

    /** A constant Datum (value null for SQL NULL). */
    record Const(int type, int typmod, Object value, int location) implements Expr {}

    /**
     * Column {@code attno} (1-based) of range table entry {@code varno} of the query
     * {@code levelsup} levels up (0: this query; more: an outer reference of a subquery). After
     * planning (setrefs), a Var with {@code varno} {@link #RESOLVED} indexes the input tuple of
     * the node evaluating it directly: {@code tuple[attno - 1]}.
     */
    record Var(int varno, int attno, int type, int typmod, String name, int location, int levelsup) implements Expr {
        public static final int RESOLVED = -1;

        public Var(int varno, int attno, int type, int typmod, String name, int location) {
            this(varno, attno, type, typmod, name, location, 0);
        }
    }

    record Param(int number, int type) implements Expr {}

    /**
     * A whole-row reference to a table of the FROM list (PostgreSQL's whole-row Var, varattno 0,
     * made by parse_relation.c makeWholeRowVar): {@code t.*} or the bare name {@code t} used as a
     * value. Its value is the table's row, of the table's row type ({@code row}: a RowExpr of the
     * table's column Vars, typed with that row type), or NULL when an outer join null-extended the
     * table, as ExecEvalWholeRowVar yields NULL for the all-null slot of a null-extended side.
     * {@code present} is the table's ctid Var, which is never NULL for a stored row and NULL
     * exactly in a null-extended one; Tusk's scans emit no separate whole-row column, so this is
     * how the evaluator tells a null-extended row from a stored row of NULLs. {@code refname} is
     * the FROM item's name, which EXPLAIN and ruleutils print as {@code refname.*}.
     */
    record WholeRowVar(Expr row, Expr present, String refname, int location) implements Expr {
        public int type() { return row.type(); }
    }

    /**
     * A function call. {@code sqlSyntax} is the SQL keyword form it was written as, where Tusk
     * implements PostgreSQL's SQLValueFunction (CURRENT_USER, SESSION_USER, CURRENT_TIMESTAMP,
     * CURRENT_DATE (a cast of this call), ...) by the function that computes it: ruleutils and
     * EXPLAIN print that keyword as get_rule_expr prints a SQLValueFunction; null for a call
     * written as a call.
     */
    record FuncExpr(PgProc proc, List<Expr> args, int type, int location, String sqlSyntax) implements Expr {
        public FuncExpr(PgProc proc, List<Expr> args, int type, int location) {
            this(proc, args, type, location, null);
        }
    }

    record OpExpr(PgOperator op, List<Expr> args, int type, int location) implements Expr {}

    /**
     * A cast through a pg_cast function. {@code explicit} is PostgreSQL's CoercionForm
     * COERCE_EXPLICIT_CAST: the user wrote the cast, so deparsing shows it wherever it stands
     * (an implicit one is hidden where PostgreSQL hides implicit casts). Like PostgreSQL's
     * equal(), {@link ExprTrees#equal} ignores it.
     */
    record CastFunc(PgCast cast, Expr arg, int type, boolean explicit) implements Expr {
        public CastFunc(PgCast cast, Expr arg, int type) { this(cast, arg, type, false); }
    }

    /**
     * Binary-compatible relabeling; evaluates to its argument. {@code explicit} is PostgreSQL's
     * relabelformat COERCE_EXPLICIT_CAST: written as a cast by the user (x::numeric dropping x's
     * typmod), so deparsed even where implicit coercions are not shown.
     */
    record RelabelType(Expr arg, int type, int typmod, boolean explicit) implements Expr {
        public RelabelType(Expr arg, int type, int typmod) { this(arg, type, typmod, false); }
    }

    /**
     * CollateExpr (primnodes.h): {@code arg} with the explicit collation {@code collOid}
     * (COLLATE). It evaluates to its argument; it exists so that the collation derivation
     * (parse_collate.c) sees an explicit collation and deparsing prints the clause again.
     */
    record CollateExpr(Expr arg, int collOid, int location) implements Expr {
        public int type() { return arg.type(); }

        public int typmod() { return arg.typmod(); }
    }

    /**
     * Conversion through the source type's output function and the target type's input function;
     * {@code explicit} as for {@link CastFunc}.
     */
    record CoerceViaIO(Expr arg, int type, int location, boolean explicit) implements Expr {
        public CoerceViaIO(Expr arg, int type, int location) { this(arg, type, location, false); }
    }

    /**
     * CoerceToDomain (primnodes.h): {@code arg}, already of the domain's base type, checked
     * against the NOT NULL and CHECK constraints of domain {@code type} at run time
     * (ExecEvalConstraintNotNull / ExecEvalConstraintCheck); the value passes unchanged.
     */
    record CoerceToDomain(Expr arg, int type, int location) implements Expr {}

    /**
     * CoerceToDomainValue: VALUE in a domain's CHECK expression, the value being checked (of the
     * base type). The check is evaluated on a one-element row holding that value.
     */
    record CoerceToDomainValue(int type, int typmod) implements Expr {}

    /**
     * CaseTestExpr as transformAssignmentIndirection uses it: in the value of a nested
     * FieldStore or SubscriptingAssign, the current value of the field or element being
     * assigned into, which the enclosing assignment supplies while it evaluates that value.
     */
    record CaseTestExpr(int type, int typmod) implements Expr {}

    /** Length/precision coercion to a typmod (varchar(n), numeric(p,s)); explicit says cast vs assignment. */
    record CoerceToTypmod(Expr arg, int type, int typmod, boolean explicit) implements Expr {}

    record BoolExpr(RawExpr.BoolOp op, List<Expr> args) implements Expr {
        public int type() { return org.tusk.catalog.TypeOids.BOOL; }
    }

    record NullTest(Expr arg, boolean isNot) implements Expr {
        public int type() { return org.tusk.catalog.TypeOids.BOOL; }
    }

    record BooleanTest(Expr arg, RawExpr.BoolTestType test) implements Expr {
        public int type() { return org.tusk.catalog.TypeOids.BOOL; }
    }

    /** IS [NOT] DISTINCT FROM via an equality operator. */
    record DistinctExpr(PgOperator eq, Expr left, Expr right, boolean not) implements Expr {
        public int type() { return org.tusk.catalog.TypeOids.BOOL; }
    }

    record CaseWhen(Expr cond, Expr result) {}

    /** Searched CASE; a simple CASE is rewritten into searched form with the test expression repeated. */
    record CaseExpr(List<CaseWhen> whens, Expr defResult, int type) implements Expr {}

    record CoalesceExpr(List<Expr> args, int type) implements Expr {}

    record MinMaxExpr(boolean greatest, PgOperator lt, List<Expr> args, int type) implements Expr {}

    /** NULLIF(a, b): null if a = b (via eq), else a. */
    record NullIfExpr(PgOperator eq, Expr a, Expr b, int type) implements Expr {}

    /**
     * An aggregate call. {@code aggno} indexes the per-query aggregate state array; args are
     * evaluated against the aggregate's input tuple. {@code star} for count(*).
     * {@code levelsup} (agglevelsup) is the query level, counted outwards from the one the
     * call is written in, that computes the aggregate (parse_agg.c: the level of its
     * arguments' outermost-but-nearest Vars); {@code aggno} then indexes that level's
     * aggregates, and the call's arguments stay in the frame of the level it is written in.
     * {@code location} is the call's position in the query text (-1 if unknown).
     * An ordered-set aggregate (aggkind 'o'/'h') has {@code directArgs} (aggdirectargs),
     * evaluated once per group over the group's representative row, while {@code args} are its
     * aggregated arguments, the WITHIN GROUP sort keys, which {@code order} sorts.
     */
    record Aggref(PgAggregate agg, List<Expr> args, boolean star, int aggno, int type, boolean distinct, Expr filter,
                  List<AggSort> order, int levelsup, int location, List<Expr> directArgs) implements Expr {
        public Aggref(PgAggregate agg, List<Expr> args, boolean star, int aggno, int type, boolean distinct, Expr filter,
                      List<AggSort> order, int levelsup, int location) {
            this(agg, args, star, aggno, type, distinct, filter, order, levelsup, location, List.of());
        }

        public Aggref(PgAggregate agg, List<Expr> args, boolean star, int aggno, int type, boolean distinct, Expr filter,
                      List<AggSort> order) {
            this(agg, args, star, aggno, type, distinct, filter, order, 0, -1);
        }

        public Aggref(PgAggregate agg, List<Expr> args, boolean star, int aggno, int type) {
            this(agg, args, star, aggno, type, false, null, List.of());
        }

        /** The same call with other arguments, filter and ORDER BY (expression_tree_mutator). */
        public Aggref withParts(List<Expr> newArgs, Expr newFilter, List<AggSort> newOrder) {
            return new Aggref(agg, newArgs, star, aggno, type, distinct, newFilter, newOrder, levelsup, location, directArgs);
        }

        /** The same call with other direct arguments, arguments, filter and ORDER BY (expression_tree_mutator). */
        public Aggref withParts(List<Expr> newDirectArgs, List<Expr> newArgs, Expr newFilter, List<AggSort> newOrder) {
            return new Aggref(agg, newArgs, star, aggno, type, distinct, newFilter, newOrder, levelsup, location,
                    newDirectArgs);
        }

        /** The same call computed {@code newLevelsup} levels up. */
        public Aggref withLevelsUp(int newLevelsup) {
            return new Aggref(agg, args, star, aggno, type, distinct, filter, order, newLevelsup, location, directArgs);
        }

        /** An ordered-set or hypothetical-set aggregate (aggkind 'o' or 'h'), written with WITHIN GROUP. */
        public boolean orderedSet() { return agg.impl() instanceof org.tusk.catalog.OrderedSetAggregate; }
    }

    /**
     * A window function call (WindowFunc): a built-in window function ({@code fn}) or an
     * aggregate used as one ({@code agg}), over window clause {@code winref} (1-based index of
     * the query's windowClause). Arguments and {@code filter} are evaluated over the WindowAgg
     * node's input rows; the planner replaces the call itself by a reference to the column the
     * WindowAgg appends.
     */
    record WindowFunc(String name, org.tusk.catalog.PgWindowFunc fn, PgAggregate agg, List<Expr> args, boolean star,
                      Expr filter, int winref, int type, int location) implements Expr {}

    /**
     * GROUPING(args) (GroupingFunc): an int4 with one bit per argument, most significant first,
     * set when that argument is not grouped in the current grouping set. {@code refs} are the
     * resnos of the GROUP BY entries the arguments are. {@code levelsup} (agglevelsup) is the
     * query level whose grouping it reports, counted outwards from where it is written: the
     * level of its arguments, like an aggregate's.
     */
    record GroupingFunc(List<Expr> args, List<Integer> refs, int levelsup, int location) implements Expr {
        public GroupingFunc(List<Expr> args, List<Integer> refs, int location) {
            this(args, refs, 0, location);
        }

        public int type() { return org.tusk.catalog.TypeOids.INT4; }
    }

    /**
     * One ORDER BY key of an aggregate's input (aggorder): the inputs are fed sorted on these.
     * {@code useOp} is the operator of an {@code ORDER BY x USING op} whose operator is not the
     * type's default {@code <} or {@code >} (ruleutils prints it back), null otherwise.
     */
    record AggSort(Expr expr, boolean desc, boolean nullsFirst, String useOp) {
        public AggSort(Expr expr, boolean desc, boolean nullsFirst) {
            this(expr, desc, nullsFirst, null);
        }

        /** The same key over another expression. */
        public AggSort withExpr(Expr e) { return new AggSort(e, desc, nullsFirst, useOp); }
    }

    /** The kinds of sublink (primnodes.h SubLinkType). */
    enum SubLinkType { EXISTS, ALL, ANY, EXPR, ARRAY, MULTIEXPR }

    /**
     * A subquery in an expression, as parse analysis leaves it (SubLink). {@code testexpr} (ANY
     * and ALL only) compares the left-hand side with one row of the subquery, whose output
     * columns it reads as {@link SubLinkParam}s; {@code subselect} is the analysed subquery, in
     * which references to this query are Vars with levelsup 1.
     *
     * <p>MULTIEXPR ({@code UPDATE ... SET (a, b) = (SELECT ...)}, transformMultiAssignRef): the
     * sub-select whose one row supplies several target columns; it is of type record and each
     * column reads its field through a {@link FieldSelect} of a copy of this SubLink. {@code
     * subLinkId} (unique among the MULTIEXPR SubLinks of one statement's SET lists) tells the
     * planner that the copies are one sub-select, planned as one SubPlan that runs once per row.
     * Other kinds have subLinkId 0.
     */
    record SubLink(SubLinkType kind, Expr testexpr, Query subselect, int type, int typmod, int location, int subLinkId)
            implements Expr {
        public SubLink(SubLinkType kind, Expr testexpr, Query subselect, int type, int typmod, int location) {
            this(kind, testexpr, subselect, type, typmod, location, 0);
        }

        /** The same sublink with another test expression and subquery. */
        public SubLink with(Expr newTest, Query newSubselect) {
            return new SubLink(kind, newTest, newSubselect, type, typmod, location, subLinkId);
        }
    }

    /** Column {@code colno} (1-based) of the current row of a sublink's subquery (PARAM_SUBLINK). */
    record SubLinkParam(int colno, int type, int typmod) implements Expr {}

    /**
     * A parameter set during execution (PARAM_EXEC): by a NestLoop from its outer row, by a
     * SubPlan from its arguments or its subquery's current row, or by a RecursiveUnion (the
     * work table). {@code id} indexes the statement's exec-parameter array.
     */
    record ExecParam(int id, int type, int typmod) implements Expr {}

    /**
     * A planned sublink (SubPlan): before each evaluation the values of {@code args} (computed
     * in the evaluating node's context) are stored in exec parameters {@code parParams}, then
     * {@code plan} runs; for ANY/ALL each row's columns go to {@code paramIds} and
     * {@code testexpr} is evaluated with SQL's null semantics for ANY/ALL. A subplan that is not
     * {@code correlated} (reads no parameter set outside it) runs once per statement and its
     * result is reused (PostgreSQL's initplan / hashed subplan). {@code planId} numbers the
     * statement's subplans in the order the planner made them (plan_id: "SubPlan n" in EXPLAIN;
     * 0 when not numbered). {@code unknownEqFalse}: an ANY whose NULL result counts as false (the
     * hashed form of an EXISTS). {@code extParams}: the exec parameters of query levels above the
     * SubPlan's own that its plan reads (the part of finalize_plan's extParam a SubPlan without
     * {@code parParams} depends on): a hashed ANY correlated only through them keeps its hash
     * table while their values stay the same, as a changed one makes PostgreSQL rebuild it.
     */
    record SubPlan(SubLinkType kind, Plan plan, Expr testexpr, List<Integer> paramIds, List<Integer> parParams,
                   List<Expr> args, boolean correlated, int type, int typmod, int planId, boolean unknownEqFalse,
                   List<Integer> extParams)
            implements Expr {
        public SubPlan(SubLinkType kind, Plan plan, Expr testexpr, List<Integer> paramIds, List<Integer> parParams,
                       List<Expr> args, boolean correlated, int type, int typmod, int planId, boolean unknownEqFalse) {
            this(kind, plan, testexpr, paramIds, parParams, args, correlated, type, typmod, planId, unknownEqFalse, List.of());
        }

        public SubPlan(SubLinkType kind, Plan plan, Expr testexpr, List<Integer> paramIds, List<Integer> parParams,
                       List<Expr> args, boolean correlated, int type, int typmod, int planId) {
            this(kind, plan, testexpr, paramIds, parParams, args, correlated, type, typmod, planId, false);
        }

        public SubPlan(SubLinkType kind, Plan plan, Expr testexpr, List<Integer> paramIds, List<Integer> parParams,
                       List<Expr> args, boolean correlated, int type, int typmod) {
            this(kind, plan, testexpr, paramIds, parParams, args, correlated, type, typmod, 0);
        }
    }

    /**
     * Two plans for one correlated EXISTS sublink (subselect.c make_subplan's AlternativeSubPlan):
     * the EXISTS SubPlan run per outer row, and the equivalent hashed {@code ANY} over the
     * subquery's rows (convert_EXISTS_to_ANY, {@code unknownEqFalse}: NULL counts as false, as
     * EXISTS never yields it). Which one is cheaper depends on how often the expression runs, so
     * the planner's last pass (setrefs.c fix_alternative_subplan) replaces this node by one of them;
     * the executor never sees it.
     */
    record AlternativeSubPlan(List<SubPlan> subplans) implements Expr {
        public int type() { return subplans.get(0).type(); }
    }

    /**
     * ARRAY[...] (ArrayExpr): the elements, already coerced to {@code elemType}; with
     * {@code multidims} each element is itself an array (a nested bracket list or an array
     * expression) and the result has one more dimension.
     */
    record ArrayExpr(int elemType, int type, List<Expr> elements, boolean multidims, int location) implements Expr {}

    /**
     * Subscripting (SubscriptingRef, for arrays): {@code upper} holds a[i][j]'s subscripts, or
     * with {@code lower} non-null a slice's bounds (a null entry is an omitted bound). The
     * result is an element ({@code type} the element type) or, for a slice, an array.
     */
    record SubscriptingRef(Expr container, List<Expr> upper, List<Expr> lower, int type, int containerType) implements Expr {}

    /**
     * {@code left op ANY/ALL (array)} (ScalarArrayOpExpr): the operator is applied to the left
     * value and each element; ANY ({@code useOr}) is true if one comparison is, ALL if all are,
     * with SQL's NULL rules.
     */
    /**
     * Subscripted assignment (SubscriptingRef with refassgnexpr): {@code container} with the
     * element at {@code upper}, or the slice {@code lower}:{@code upper}, replaced by {@code value}.
     */
    record SubscriptingAssign(Expr container, List<Expr> upper, List<Expr> lower, Expr value, int type) implements Expr {}

    record ScalarArrayOpExpr(PgOperator op, boolean useOr, Expr left, Expr right) implements Expr {
        public int type() { return org.tusk.catalog.TypeOids.BOOL; }
    }

    /**
     * Coercion of an array to another array type (ArrayCoerceExpr): {@code elemExpr} converts
     * one element, reading it as {@code Var(RESOLVED, 1)}; it is a separate expression scope, so
     * tree walks do not descend into it.
     */
    record ArrayCoerceExpr(Expr arg, Expr elemExpr, int type, int elemType, boolean explicit) implements Expr {
        public ArrayCoerceExpr(Expr arg, Expr elemExpr, int type, int elemType) { this(arg, elemExpr, type, elemType, false); }

        /** exprTypmod: an array's typmod is its elements' (varchar(2)[] has varchar(2)'s). */
        public int typmod() { return elemExpr.typmod(); }
    }

    /**
     * A row constructor (RowExpr): the values of {@code args} as one composite value of type
     * {@code type}, either RECORD (an anonymous row, whose fields are named
     * {@code colnames}: f1, f2, ... unless taken from a relation) or a named composite type
     * (a table's row type, or what ROW(...)::t coerced it to). A whole-row reference to a
     * range table entry is a RowExpr of its column Vars.
     */
    record RowExpr(List<Expr> args, int type, List<String> colnames, int location) implements Expr {}

    /**
     * Field {@code fieldnum} (1-based) of a composite value (FieldSelect); NULL if the value is.
     * {@code fieldName}: the field's name where the value is an anonymous record whose fields were
     * named where it was made (a ROW(...) of known column names), for display; null otherwise.
     */
    record FieldSelect(Expr arg, int fieldnum, int type, int typmod, String fieldName) implements Expr {
        public FieldSelect(Expr arg, int fieldnum, int type, int typmod) {
            this(arg, fieldnum, type, typmod, null);
        }
    }

    /**
     * A composite value with some fields replaced (FieldStore): {@code arg} (NULL: a row of
     * NULLs) with field {@code fieldnums[i]} set to {@code newvals[i]}, as INSERT/UPDATE
     * assignments to {@code col.field} build it.
     */
    record FieldStore(Expr arg, List<Expr> newvals, List<Integer> fieldnums, int type) implements Expr {}

    /** The kinds of row-wise ordering comparison (primnodes.h RowCompareType). */
    enum RowCompareType { LT, LE, GE, GT }

    /**
     * {@code (a, b, ...) < (x, y, ...)} and the other ordering comparisons of row constructors
     * (RowCompareExpr): fields are compared left to right with {@code ops} (each pair's
     * operator of the same ordering) until one pair is not equal, which decides; NULL there
     * gives NULL. Equal rows satisfy LE and GE only.
     */
    record RowCompareExpr(RowCompareType rctype, List<PgOperator> ops, List<PgOperator> eqOps, List<Expr> largs,
                          List<Expr> rargs) implements Expr {
        public int type() { return org.tusk.catalog.TypeOids.BOOL; }
    }

    /**
     * WHERE CURRENT OF cursor (primnodes.h CurrentOfExpr): true for the row of the scanned table
     * on which the cursor stands (execCurrent.c execCurrentOf). {@code ctid} and {@code tableOid}
     * are the scanned row's system columns, so each table of an inheritance tree is matched
     * against the cursor's row of that table.
     */
    record CurrentOfExpr(String cursorName, Expr ctid, Expr tableOid) implements Expr {
        public int type() { return org.tusk.catalog.TypeOids.BOOL; }
    }
}
