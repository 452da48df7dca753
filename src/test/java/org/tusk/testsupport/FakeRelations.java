package org.tusk.testsupport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.ScannableRelation;
import org.tusk.catalog.TypeOids;

/**
 * A provider with one view, pg_catalog.act (also reachable unqualified), standing in for
 * pg_stat_activity. The same rows exist in the reference server as table "act" (see the SQL in
 * the test that uses it), so expected outputs were checked against PostgreSQL 15.
 */
public final class FakeRelations implements RelationProvider {
    public int scans;

    public static final String REFERENCE_SQL = """
            create table act(pid int, usename name, state text, query text, backend_start timestamptz, client_addr inet, xact bigint);
            insert into act values
             (101, 'alice', 'active', 'select 1', '2026-11-27 01:00:00+00', '127.0.0.1', 5),
             (102, 'bob', 'idle', '', '2026-11-27 01:30:00.5+00', '10.0.0.7', null),
             (103, 'alice', null, 'vacuum', '2026-11-26 23:59:59+00', null, 7),
             (104, 'carol', 'idle in transaction', 'begin', '2026-11-27 02:00:00+00', '::1', 1);
            """;

    final List<ColumnDef> cols = List.of(
            new ColumnDef("pid", TypeOids.INT4), new ColumnDef("usename", TypeOids.NAME), new ColumnDef("state", TypeOids.TEXT),
            new ColumnDef("query", TypeOids.TEXT), new ColumnDef("backend_start", TypeOids.TIMESTAMPTZ),
            new ColumnDef("client_addr", TypeOids.INET), new ColumnDef("xact", TypeOids.INT8));

    final List<Object[]> rows = List.of(
            new Object[] {101, "alice", "active", "select 1", "2026-11-27 01:00:00+00", "127.0.0.1", 5L},
            new Object[] {102, "bob", "idle", "", java.time.Instant.parse("2026-11-27T01:30:00.500Z"), "10.0.0.7", null},
            new Object[] {103, "alice", null, "vacuum", "2026-11-26 23:59:59+00", null, 7},
            new Object[] {104, "carol", "idle in transaction", "begin", "2026-11-27 02:00:00+00", "::1", 1L});

    @Override
    public ScannableRelation lookup(String schema, String name) {
        if (!name.equals("act") || (schema != null && !schema.equals("pg_catalog"))) return null;
        return new ScannableRelation() {
            @Override public List<ColumnDef> columns() { return cols; }
            @Override public Iterator<Object[]> scan() {
                scans++;
                List<Object[]> copy = new ArrayList<>();
                for (Object[] r : rows) copy.add(r.clone());
                return copy.iterator();
            }
        };
    }
}
