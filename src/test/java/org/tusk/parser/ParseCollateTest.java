package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.utils.error.PgException;

/** parse_collate.c's derivation over analysed trees: explicit beats implicit, default gives way, conflicts. */
class ParseCollateTest {
    private static final ParseCollate.Scope NO_TABLES = new ParseCollate.Scope(null, List.of());

    private static Expr text(String s) { return new Expr.Const(TypeOids.TEXT, -1, s, -1); }

    private static Expr collate(Expr e, int coll) { return new Expr.CollateExpr(e, coll, 7); }

    @Test
    void aConstantHasItsTypesCollationImplicitly() {
        ParseCollate.Derived d = ParseCollate.derive(text("a"), NO_TABLES);
        assertEquals(100, d.collation());
        assertEquals(ParseCollate.Strength.IMPLICIT, d.strength());
        assertEquals(ParseCollate.Strength.NONE, ParseCollate.derive(new Expr.Const(TypeOids.INT4, -1, 1, -1), NO_TABLES)
                .strength());
    }

    @Test
    void explicitCollationPropagatesThroughACollatableResult() {
        Expr coalesce = new Expr.CoalesceExpr(List.of(collate(text("a"), 951), text("b")), TypeOids.TEXT);
        ParseCollate.Derived d = ParseCollate.derive(coalesce, NO_TABLES);
        assertEquals(951, d.collation());
        assertEquals(ParseCollate.Strength.EXPLICIT, d.strength());
    }

    @Test
    void twoDifferentExplicitCollationsAreAMismatch() {
        Expr coalesce = new Expr.CoalesceExpr(List.of(collate(text("a"), 950), collate(text("b"), 951)), TypeOids.TEXT);
        PgException e = assertThrows(PgException.class, () -> ParseCollate.derive(coalesce, NO_TABLES));
        assertEquals("42P21", e.sqlState());
        assertEquals("collation mismatch between explicit collations \"C\" and \"POSIX\"", e.getMessage());
        // the same explicit collation twice is fine
        ParseCollate.derive(new Expr.CoalesceExpr(List.of(collate(text("a"), 950), collate(text("b"), 950)),
                TypeOids.TEXT), NO_TABLES);
    }

    @Test
    void implicitMergeRulesOfMergeCollationState() {
        ParseCollate.Merge m = new ParseCollate.Merge(NO_TABLES);
        m.add(new ParseCollate.Derived(100, ParseCollate.Strength.IMPLICIT, 1));
        m.add(new ParseCollate.Derived(950, ParseCollate.Strength.IMPLICIT, 2));
        assertEquals(950, m.result(TypeOids.TEXT).collation());   // the default gives way
        m.add(new ParseCollate.Derived(951, ParseCollate.Strength.IMPLICIT, 3));
        assertEquals(ParseCollate.Strength.CONFLICT, m.result(TypeOids.TEXT).strength());
        assertEquals(0, m.result(TypeOids.TEXT).collation());
        m.add(new ParseCollate.Derived(951, ParseCollate.Strength.EXPLICIT, 4));
        assertEquals(951, m.result(TypeOids.TEXT).collation());   // explicit resolves the conflict
        assertEquals(ParseCollate.Strength.NONE, m.result(TypeOids.BOOL).strength());
    }
}
