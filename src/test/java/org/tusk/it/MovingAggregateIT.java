package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsFirstLine;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * User aggregates with polymorphic and internal states, their dependencies on support
 * functions, and moving-aggregate mode in window frames, as PostgreSQL 15 answers them (the
 * expected values were checked against PostgreSQL 15).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MovingAggregateIT extends OneServerPerClass {

    @Test
    void polymorphicStateTypeAndDropCascade() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create function least_accum(anyelement, anyelement) returns anyelement language sql "
                    + "as 'select least($1, $2)'");
            exec(c, "create aggregate least_agg(anyelement) (stype = anyelement, sfunc = least_accum)");
            assertEquals(List.of("2|b"), rowsShowingNull(c,
                    "select least_agg(x), least_agg(t) from (values (3, 'c'), (2, 'b'), (5, 'd')) v(x, t)"));
            assertEquals("ERROR: cannot determine transition data type", failsFirstLine(c,
                    "create aggregate bad_agg(int4) (stype = anyelement, sfunc = least_accum)", "42P13"));
            assertEquals("ERROR: cannot drop function least_accum(anyelement,anyelement) because other objects depend on it",
                    failsFirstLine(c, "drop function least_accum(anyelement, anyelement)", "2BP01"));
            SQLWarning w = exec(c, "drop function least_accum(anyelement, anyelement) cascade");
            assertEquals("drop cascades to function least_agg(anyelement)", w.getMessage());
            assertEquals(List.of("0"), rowsShowingNull(c, "select count(*) from pg_proc where proname = 'least_agg'"));
        }
    }

    @Test
    void internalStateSupportFunctions() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create aggregate myavg(numeric) (stype = internal, sfunc = numeric_avg_accum, finalfunc = numeric_avg, "
                    + "serialfunc = numeric_avg_serialize, deserialfunc = numeric_avg_deserialize, "
                    + "combinefunc = numeric_avg_combine, finalfunc_modify = shareable)");
            assertEquals(List.of("myavg|numeric_avg_accum|numeric_avg_combine|internal|numeric_avg_serialize|numeric_avg_deserialize|s"),
                    rowsShowingNull(c, "select aggfnoid, aggtransfn, aggcombinefn, aggtranstype::regtype, aggserialfn, "
                            + "aggdeserialfn, aggfinalmodify from pg_aggregate where aggfnoid = 'myavg'::regproc"));
            assertEquals(List.of("2.5000000000000000|null"), rowsShowingNull(c,
                    "select myavg(x), myavg(x) filter (where false) from (values (1.5), (3.5), (null)) v(x)"));
            exec(c, "create role agg_plain login");
            exec(c, "grant create on schema public to agg_plain");
            exec(c, "set role agg_plain");
            assertEquals("ERROR: aggregate transition data type cannot be internal", failsFirstLine(c,
                    "create aggregate myavg2(numeric) (stype = internal, sfunc = numeric_avg_accum, finalfunc = numeric_avg)",
                    "42P13"));
            exec(c, "reset role");
        }
    }

    @Test
    void movingAggregateUsesTheInverseFunctionWhereTheFrameHeadMoves() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create function log_fwd(text, anyelement) returns text language sql immutable strict "
                    + "as $$ select $1 || '+' || quote_nullable($2) $$");
            exec(c, "create function log_inv(text, anyelement) returns text language sql immutable strict "
                    + "as $$ select $1 || '-' || quote_nullable($2) $$");
            exec(c, "create function log_plain(text, anyelement) returns text language sql immutable strict "
                    + "as $$ select $1 || '*' || quote_nullable($2) $$");
            exec(c, "create aggregate log_agg(text) (stype = text, sfunc = log_plain, "
                    + "mstype = text, msfunc = log_fwd, minvfunc = log_inv)");
            String values = " from (values (1, 'a'), (2, 'b'), (3, null), (4, 'c')) v(i, x)";
            // a moving frame head: rows leave through the inverse function; strict skips NULL
            assertEquals(List.of("a", "a+'b'", "a+'b'-'a'", "c"), rowsShowingNull(c,
                    "select log_agg(x) over (order by i rows between 1 preceding and current row)" + values + " order by i"));
            // a head that cannot move: the plain implementation
            assertEquals(List.of("a", "a*'b'", "a*'b'", "a*'b'*'c'"), rowsShowingNull(c,
                    "select log_agg(x) over (order by i rows between unbounded preceding and current row)" + values + " order by i"));
            // a volatile argument keeps the plain implementation (restarting is then visible)
            assertEquals(List.of("a", "a*'b'", "b", "c"), rowsShowingNull(c,
                    "select log_agg(x || case when random() < 0 then '?' else '' end) "
                            + "over (order by i rows between 1 preceding and current row)" + values + " order by i"));
        }
    }
}
