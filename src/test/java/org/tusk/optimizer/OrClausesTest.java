package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;

/** extract_restriction_or_clauses' restriction on one relation from an OR join clause. */
class OrClausesTest {
    /** A boolean column of range table entry {@code rel}: a clause reading that relation only. */
    private static Expr col(int rel, int attno) {
        return new Expr.Var(rel, attno, TypeOids.BOOL, -1, "c" + rel + attno, -1);
    }

    private static Expr and(Expr... a) {
        return new Expr.BoolExpr(RawExpr.BoolOp.AND, List.of(a));
    }

    private static Expr or(Expr... a) {
        return new Expr.BoolExpr(RawExpr.BoolOp.OR, List.of(a));
    }

    @Test
    void eachArmContributesItsConjunctsOnTheRelation() {
        Expr clause = or(and(col(1, 1), col(2, 1)), and(col(1, 2), col(2, 2)));
        assertEquals(or(col(1, 1), col(1, 2)), OrClauses.extract(clause, 1));
        assertEquals(or(col(2, 1), col(2, 2)), OrClauses.extract(clause, 2));
    }

    @Test
    void nestedOrArmsAreFlattened() {
        Expr clause = or(and(col(1, 1), col(2, 1)), and(or(col(1, 2), col(1, 3)), col(2, 2)));
        assertEquals(or(col(1, 1), col(1, 2), col(1, 3)), OrClauses.extract(clause, 1));
    }

    @Test
    void anArmWithoutARestrictionOnTheRelationImpliesNothing() {
        Expr clause = or(and(col(1, 1), col(2, 1)), col(2, 2));
        assertNull(OrClauses.extract(clause, 1));
        assertNull(OrClauses.extract(and(col(1, 1), col(2, 1)), 1), "not an OR");
    }
}
