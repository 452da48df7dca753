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

    /** Column {@code attno} (1-based) of the scan tuple of range table entry {@code varno}. */
    record Var(int varno, int attno, int type, int typmod, String name, int location) implements Expr {}

    record Param(int number, int type) implements Expr {}

    /** A function call; {@code cast} marks a cast function (its implementation receives the target typmod too). */
    record FuncExpr(PgProc proc, List<Expr> args, int type, int location) implements Expr {}

    record OpExpr(PgOperator op, List<Expr> args, int type, int location) implements Expr {}

    /** A cast through a pg_cast function. */
    record CastFunc(PgCast cast, Expr arg, int type) implements Expr {}

    /** Binary-compatible relabeling; evaluates to its argument. */
    record RelabelType(Expr arg, int type, int typmod) implements Expr {}

    /** Conversion through the source type's output function and the target type's input function. */
    record CoerceViaIO(Expr arg, int type, int location) implements Expr {}

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
     */
    record Aggref(PgAggregate agg, List<Expr> args, boolean star, int aggno, int type) implements Expr {}
}
