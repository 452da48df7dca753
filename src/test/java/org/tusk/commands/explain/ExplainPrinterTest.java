package org.tusk.commands.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgOperator;
import org.tusk.executor.ExecContext;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.RawExpr;
import org.tusk.optimizer.PlanCosts;
import org.tusk.testsupport.FakeSession;

/** The plan printer on plans built by hand: layout, names, keys, quals and the four formats. */
class ExplainPrinterTest {
    private final ExecContext ctx = ExecContext.of(new FakeSession());

    private List<String> explain(Plan p, ExplainFormat format, boolean costs) {
        ExplainOptions o = new ExplainOptions(false, false, costs, false, false, false, false, false, format);
        ExplainOutput out = new ExplainOutput(format);
        out.beginOutput();
        out.openGroup("Query", null, true);
        new ExplainPrinter(o, out, new PlanCosts(null, ctx), null, ctx.outputSettings()).printPlan(p);
        out.closeGroup("Query", null, true);
        out.endOutput();
        return out.rows();
    }

    private static PgOperator op(String name, int type) {
        return BuiltinCatalog.operators(name).stream().filter(o -> o.left() == type && o.right() == type).findFirst()
                .orElseThrow();
    }

    private static Expr.Var col(int n, int type) {
        return new Expr.Var(Expr.Var.RESOLVED, n, type, -1, null, -1, 0);
    }

    private static Expr.Const c(int type, Object v) {
        return new Expr.Const(type, -1, v, -1);
    }

    /** VALUES (1, 'a'), (2, 'b'): two columns column1 int, column2 text. */
    private static Plan.ValuesScan values() {
        return new Plan.ValuesScan(List.of(List.of(c(INT4, 1), c(TEXT, "a")), List.of(c(INT4, 2), c(TEXT, "b"))), 2);
    }

    @Test
    void nestedNodesAreIndentedWithArrowsAndPropertiesUnderTheirNode() {
        Expr filter = new Expr.OpExpr(op(">", INT4), List.of(col(1, INT4), c(INT4, 1)), BOOL, -1);
        Plan scan = new Plan.SubqueryScan(values(), filter, null);
        Plan sort = new Plan.Sort(scan, List.of(new Plan.SortKey(1, true, false, 0), new Plan.SortKey(0, false, true, 0)));
        Plan limit = new Plan.Limit(sort, null, c(INT8, 1L));
        assertEquals(List.of(
                "Limit",
                "  ->  Sort",
                "        Sort Key: column2 DESC NULLS LAST, column1 NULLS FIRST",
                "        ->  Values Scan on \"*VALUES*\"",
                "              Filter: (column1 > 1)"), explain(limit, ExplainFormat.TEXT, false));
    }

    @Test
    void costsAreShownAsStartupTotalRowsAndWidth() {
        assertEquals(List.of("Values Scan on \"*VALUES*\"  (cost=0.00..0.03 rows=2 width=36)"),
                explain(values(), ExplainFormat.TEXT, true));
        assertEquals(List.of("Result  (cost=0.00..0.01 rows=1 width=4)"),
                explain(new Plan.Result(List.of(c(INT4, 1)), null, true), ExplainFormat.TEXT, true));
    }

    @Test
    void constantsAndOperatorsAreDeparsedAsRuleutilsDoes() {
        Expr gt = new Expr.OpExpr(op(">", INT4), List.of(col(1, INT4), c(INT4, -1)), BOOL, -1);
        Expr eq = new Expr.OpExpr(op("=", TEXT), List.of(col(2, TEXT), c(TEXT, "it's")), BOOL, -1);
        Expr isNull = new Expr.NullTest(col(2, TEXT), false);
        Expr or = new Expr.BoolExpr(RawExpr.BoolOp.OR, List.of(eq, isNull));
        Expr and = new Expr.BoolExpr(RawExpr.BoolOp.AND, List.of(gt, new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(or))));
        Plan p = new Plan.SubqueryScan(values(), and, null);
        assertEquals(List.of("Values Scan on \"*VALUES*\"",
                        "  Filter: ((column1 > '-1'::integer) AND (NOT ((column2 = 'it''s'::text) OR (column2 IS NULL))))"),
                explain(p, ExplainFormat.TEXT, false));
    }

    @Test
    void oneTimeFilterAndAggregateStrategies() {
        Plan r = new Plan.Result(List.of(c(INT4, 1)), c(BOOL, false), true);
        assertEquals(List.of("Result", "  One-Time Filter: false"), explain(r, ExplainFormat.TEXT, false));
        Plan hashed = new Plan.Agg(values(), Plan.AggStrategy.HASHED, List.of(col(2, TEXT)), List.of(), List.of(col(2, TEXT)), null);
        assertEquals(List.of("HashAggregate", "  Group Key: column2", "  ->  Values Scan on \"*VALUES*\""),
                explain(hashed, ExplainFormat.TEXT, false));
    }

    @Test
    void hashJoinDrawsItsHashNodeAndIntersectItsAppendOfSubqueryScans() {
        Plan hj = new Plan.HashJoin(org.tusk.nodes.Query.JoinType.INNER, values(), values(), List.of(col(1, INT4)),
                List.of(col(1, INT4)), null, null);
        assertEquals(List.of(
                "Hash Join",
                "  Hash Cond: (\"*VALUES*\".column1 = \"*VALUES*\".column1)",
                "  ->  Values Scan on \"*VALUES*\"",
                "  ->  Hash",
                "        ->  Values Scan on \"*VALUES*\""), explain(hj, ExplainFormat.TEXT, false));
        Plan setop = new Plan.SetOp(org.tusk.nodes.Query.SetOpType.INTERSECT, false, values(), values(), List.of(0));
        assertEquals(List.of(
                "HashSetOp Intersect",
                "  ->  Append",
                "        ->  Subquery Scan on \"*SELECT* 1\"",
                "              ->  Values Scan on \"*VALUES*\"",
                "        ->  Subquery Scan on \"*SELECT* 2\"",
                "              ->  Values Scan on \"*VALUES*\""), explain(setop, ExplainFormat.TEXT, false));
    }

    @Test
    void structuredFormatsNestChildPlans() {
        Plan sort = new Plan.Sort(values(), List.of(new Plan.SortKey(0, false, false, 0)));
        assertEquals(List.of("""
                [
                  {
                    "Plan": {
                      "Node Type": "Sort",
                      "Parallel Aware": false,
                      "Async Capable": false,
                      "Sort Key": ["column1"],
                      "Plans": [
                        {
                          "Node Type": "Values Scan",
                          "Parent Relationship": "Outer",
                          "Parallel Aware": false,
                          "Async Capable": false,
                          "Relation Name": "*VALUES*",
                          "Alias": "*VALUES*"
                        }
                      ]
                    }
                  }
                ]"""), explain(sort, ExplainFormat.JSON, false));
        assertEquals(List.of("""
                - Plan:\s
                    Node Type: "Sort"
                    Parallel Aware: false
                    Async Capable: false
                    Sort Key:\s
                      - "column1"
                    Plans:\s
                      - Node Type: "Values Scan"
                        Parent Relationship: "Outer"
                        Parallel Aware: false
                        Async Capable: false
                        Relation Name: "*VALUES*"
                        Alias: "*VALUES*\""""), explain(sort, ExplainFormat.YAML, false));
        assertEquals(List.of("""
                <explain xmlns="http://www.postgresql.org/2009/explain">
                  <Query>
                    <Plan>
                      <Node-Type>Sort</Node-Type>
                      <Parallel-Aware>false</Parallel-Aware>
                      <Async-Capable>false</Async-Capable>
                      <Sort-Key>
                        <Item>column1</Item>
                      </Sort-Key>
                      <Plans>
                        <Plan>
                          <Node-Type>Values Scan</Node-Type>
                          <Parent-Relationship>Outer</Parent-Relationship>
                          <Parallel-Aware>false</Parallel-Aware>
                          <Async-Capable>false</Async-Capable>
                          <Relation-Name>*VALUES*</Relation-Name>
                          <Alias>*VALUES*</Alias>
                        </Plan>
                      </Plans>
                    </Plan>
                  </Query>
                </explain>"""), explain(sort, ExplainFormat.XML, false));
    }

    @Test
    void optionsAreCheckedAsExplainDoes() {
        ExplainOptions d = ExplainOptions.parse(List.of());
        assertEquals(new ExplainOptions(false, false, true, false, false, false, false, false, ExplainFormat.TEXT), d);
        ExplainOptions a = ExplainOptions.parse(List.of(new org.tusk.nodes.Stmt.DefElem("analyze", null, 0),
                new org.tusk.nodes.Stmt.DefElem("format", "json", 0)));
        assertEquals(true, a.timing());
        assertEquals(true, a.summary());
        assertEquals(ExplainFormat.JSON, a.format());
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.tusk.utils.error.PgException.class,
                () -> ExplainOptions.parse(List.of(new org.tusk.nodes.Stmt.DefElem("timing", null, 0))));
        assertEquals("EXPLAIN option TIMING requires ANALYZE", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(org.tusk.utils.error.PgException.class,
                () -> ExplainOptions.parse(List.of(new org.tusk.nodes.Stmt.DefElem("foo", null, 0))));
        assertEquals("unrecognized EXPLAIN option \"foo\"", e.getMessage());
    }
}
