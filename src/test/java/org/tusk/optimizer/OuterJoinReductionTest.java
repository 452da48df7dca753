package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/** reduce_outer_joins: the join types the plan gets, and the answers that must not change. */
class OuterJoinReductionTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table l (id int, v int)");
        sql.rows("create table r (id int, w int)");
        sql.rows("insert into l values (1, 10), (2, 20), (3, null)");
        sql.rows("insert into r values (1, 100), (3, 300), (4, null)");
    }

    /** The join type of the plan's (one) join. */
    private Query.JoinType joinType(String query) {
        sql.rows(query);
        return find(sql.last.plannedStmt().planTree());
    }

    private static Query.JoinType find(Plan p) {
        return switch (p) {
            case Plan.NestLoop n -> n.type();
            case Plan.HashJoin h -> h.type();
            case Plan.MergeJoin m -> m.type();
            case Plan.Sort s -> find(s.child());
            case Plan.SubqueryScan s -> find(s.child());
            case Plan.Agg a -> find(a.child());
            default -> null;
        };
    }

    @Test
    void strictWhereQualOnTheNullableSideMakesTheJoinInner() {
        assertEquals(Query.JoinType.INNER, joinType("select * from l left join r on l.id = r.id where r.w > 0"));
        assertEquals(List.of("1|10|1|100", "3||3|300"),
                sql.rows("select * from l left join r on l.id = r.id where r.w > 0 order by 1"));
        // a strict function of the column is as good as the column
        assertEquals(Query.JoinType.INNER, joinType("select * from l left join r on l.id = r.id where abs(r.w) = 100"));
        assertEquals(Query.JoinType.INNER, joinType("select * from l left join r on l.id = r.id where r.w is not null"));
        // RIGHT JOIN: the same, mirrored
        assertEquals(Query.JoinType.INNER, joinType("select * from r right join l on l.id = r.id where r.w > 0"));
    }

    @Test
    void qualsThatAcceptNullsKeepTheOuterJoin() {
        assertEquals(Query.JoinType.LEFT, joinType("select * from l left join r on l.id = r.id where r.w is null"));
        assertEquals(List.of("2|20||"), sql.rows("select * from l left join r on l.id = r.id where r.w is null"));
        assertEquals(Query.JoinType.LEFT,
                joinType("select * from l left join r on l.id = r.id where coalesce(r.w, 0) = 0"));
        // one arm of an OR that is not strict in r: a null-extended row may pass
        assertEquals(Query.JoinType.LEFT,
                joinType("select * from l left join r on l.id = r.id where r.w > 0 or l.v > 0"));
        assertEquals(List.of("1|10|1|100", "2|20||", "3||3|300"),
                sql.rows("select * from l left join r on l.id = r.id where r.w > 0 or l.v > 0 order by 1"));
        // a qual on the preserved side says nothing about the other
        assertEquals(Query.JoinType.LEFT, joinType("select * from l left join r on l.id = r.id where l.v > 0"));
    }

    @Test
    void fullJoinBecomesOneSided() {
        assertEquals(Query.JoinType.LEFT, joinType("select * from l full join r on l.id = r.id where l.v > 0"));
        assertEquals(List.of("1|10|1|100", "2|20||"),
                sql.rows("select * from l full join r on l.id = r.id where l.v > 0 order by 1"));
        Query.JoinType t = joinType("select * from l full join r on l.id = r.id where r.w > 0");
        // RIGHT, or LEFT with the inputs swapped: r's rows are kept
        assertEquals(true, t == Query.JoinType.RIGHT || t == Query.JoinType.LEFT);
        assertEquals(List.of("1|10|1|100", "3||3|300"),
                sql.rows("select * from l full join r on l.id = r.id where r.w > 0 order by 1"));
        assertEquals(Query.JoinType.INNER, joinType("select * from l full join r on l.id = r.id where l.v > 0 and r.w > 0"));
    }

    @Test
    void isNullOnAStrictJoinColumnMakesAnAntiJoin() {
        assertEquals(Query.JoinType.ANTI, joinType("select l.* from l left join r on l.id = r.id where r.id is null"));
        assertEquals(List.of("2|20"), sql.rows("select l.* from l left join r on l.id = r.id where r.id is null"));
        // the join condition is not strict in r.w: unmatched and matched-with-null rows both pass
        assertEquals(Query.JoinType.LEFT, joinType("select l.* from l left join r on l.id = r.id where r.w is null"));
        // r read above the anti join reads NULLs, as above the LEFT join
        assertEquals(Query.JoinType.ANTI, joinType("select l.*, r.w from l left join r on l.id = r.id where r.id is null"));
        assertEquals(List.of("2|20||"), sql.rows("select l.*, r.* from l left join r on l.id = r.id where r.id is null"));
        // with an index on the inner side (a parameterized nested loop may be offered)
        sql.rows("create index on r (id)");
        assertEquals(List.of("2|20||"), sql.rows("select l.*, r.* from l left join r on l.id = r.id where r.id is null"));
    }

    @Test
    void nonnullableRelsFollowFindNonnullableRels() {
        Expr a = new Expr.Var(1, 1, TypeOids.BOOL, -1, "a", -1, 0), b = new Expr.Var(2, 1, TypeOids.BOOL, -1, "b", -1, 0);
        Expr outer = new Expr.Var(3, 1, TypeOids.BOOL, -1, "o", -1, 1);
        assertEquals(Set.of(1, 2), OuterJoinReduction.nonnullableRels(and(a, new Expr.NullTest(b, true)), true));
        // an OR, or an AND below the top, is NULL only if every arm is: what the arms share
        assertEquals(Set.of(), OuterJoinReduction.nonnullableRels(or(a, b), true));
        assertEquals(Set.of(1), OuterJoinReduction.nonnullableRels(or(and(a, b), a), true));
        assertEquals(Set.of(1), OuterJoinReduction.nonnullableRels(new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(a)), true));
        // IS NULL accepts NULL; IS NOT NULL below the top proves nothing
        assertEquals(Set.of(), OuterJoinReduction.nonnullableRels(new Expr.NullTest(b, false), true));
        assertEquals(Set.of(), OuterJoinReduction.nonnullableRels(
                new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(new Expr.NullTest(b, true))), true));
        // a Var of an outer query level is a constant here
        assertEquals(Set.of(), OuterJoinReduction.nonnullableRels(outer, true));
    }

    private static Expr and(Expr x, Expr y) {
        return new Expr.BoolExpr(RawExpr.BoolOp.AND, List.of(x, y));
    }

    private static Expr or(Expr x, Expr y) {
        return new Expr.BoolExpr(RawExpr.BoolOp.OR, List.of(x, y));
    }
}
