package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * The referential-integrity triggers of one statement's result relation (PostgreSQL's
 * utils/adt/ri_triggers.c): each written row queues an event per foreign key it takes part in,
 * and {@link #fire} runs them once the statement's rows are all written, as AFTER ROW triggers
 * run at AfterTriggerEndQuery. As in PostgreSQL the checks and actions are SQL queries run
 * through SPI ({@link ConstraintSupport#execute}), after a CommandCounterIncrement so that they
 * see the statement's own changes; an action's DELETE or UPDATE fires the triggers of the table
 * it changes in turn (a cascade).
 *
 * <ul>
 * <li>Referencing side, INSERT or an UPDATE that changes the key (RI_FKey_check): with MATCH
 *     SIMPLE a key with a NULL column is not checked; with MATCH FULL an all-NULL key is not
 *     checked and a partly NULL one is refused. Otherwise a referenced row with the key must be
 *     visible to a snapshot taken now, else 23503.</li>
 * <li>Referenced side, DELETE or an UPDATE that changes the key: NO ACTION first looks for
 *     another referenced row with the old key (ri_Check_Pk_Match) and is satisfied by one;
 *     NO ACTION and RESTRICT then refuse (23503) if a referencing row has the old key; CASCADE
 *     deletes those rows or sets their key to the new one; SET NULL / SET DEFAULT set their key
 *     columns to NULL / their defaults.</li>
 * </ul>
 *
 * <p>The check of the referencing side locks the referenced row FOR KEY SHARE (RI_FKey_check's
 * query), so a concurrent DELETE of it waits until we end and then fails with 23503 on our
 * row. Not done as PostgreSQL does it: under REPEATABLE READ the queries use a snapshot taken
 * now, with no crosscheck snapshot raising 40001; and since row locks have no MultiXacts yet,
 * the key-share lock also makes a concurrent non-key UPDATE of the referenced row wait.
 */
final class RiTriggers {
    private enum Kind { FK_CHECK, PK_DELETE, PK_UPDATE }

    /** A queued event; {@code newTid} is where the referencing row's new version was stored (FK_CHECK). */
    private record Event(ConstraintInfo c, Kind kind, Object[] oldRow, Object[] newRow, ItemPointer newTid) {}

    private final Relation rel;
    private final List<ConstraintInfo> outgoing;
    private final List<ConstraintInfo> incoming;
    private final ExecContext ctx;
    private final List<Event> queue = new ArrayList<>();
    /** ri_FetchPreparedPlan's cache, for this statement: the tables stay locked while it runs. */
    private final java.util.Map<String, ConstraintSupport.Prepared> plans = new java.util.HashMap<>();

    RiTriggers(Relation rel, List<ConstraintInfo> outgoing, List<ConstraintInfo> incoming, ExecContext ctx) {
        this.rel = rel;
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.ctx = ctx;
    }

    void afterInsert(Object[] newRow, ItemPointer tid) {
        for (ConstraintInfo c : outgoing) queue.add(new Event(c, Kind.FK_CHECK, null, newRow.clone(), tid));
    }

    void afterUpdate(Object[] oldRow, Object[] newRow, ItemPointer newTid) {
        // RI_FKey_fk_upd_check_required / RI_FKey_pk_upd_check_required: only a changed key matters.
        for (ConstraintInfo c : outgoing) {
            if (!keysEqual(oldRow, newRow, c, false)) queue.add(new Event(c, Kind.FK_CHECK, null, newRow.clone(), newTid));
        }
        for (ConstraintInfo c : incoming) {
            if (!keysEqual(oldRow, newRow, c, true)) queue.add(new Event(c, Kind.PK_UPDATE, oldRow.clone(), newRow.clone(), null));
        }
    }

    void afterDelete(Object[] oldRow) {
        for (ConstraintInfo c : incoming) queue.add(new Event(c, Kind.PK_DELETE, oldRow.clone(), null, null));
    }

    /** AfterTriggerEndQuery: runs every queued event in order. */
    void fire() {
        if (queue.isEmpty()) return;
        ExecEnvironment env = ctx.requireEnv();
        env.commandCounterIncrement();
        List<Event> events = new ArrayList<>(queue);
        queue.clear();
        DeferredTriggers deferred = env.deferredTriggers();
        for (Event e : events) {
            ctx.session().checkForInterrupts();
            if (deferred != null && deferrable(e) && deferred.isDeferred(e.c().oid(), e.c().deferrable(), e.c().deferred())) {
                deferred.save(new Deferred(rel.oid(), e));
                continue;
            }
            run(e);
        }
    }

    private void run(Event e) {
        switch (e.kind()) {
            case FK_CHECK -> {
                // RI_FKey_check: a referencing row version deleted or updated again since needs
                // no check (a newer version with another key queued its own); exactly this
                // version, not its HOT chain, as SnapshotSelf's tuple test
                ExecEnvironment env = ctx.requireEnv();
                if (e.newTid() == null || env.tableAm().fetch(rel, e.newTid(), env.latestSnapshot()) != null)
                    checkReferenced(e.c(), e.newRow());
            }
            case PK_DELETE -> referencedRowGone(e.c(), e.oldRow(), null, e.c().delType());
            case PK_UPDATE -> referencedRowGone(e.c(), e.oldRow(), e.newRow(), e.c().updType());
        }
    }

    /**
     * createForeignKeyActionTriggers: the check triggers and the NO ACTION ones take the
     * constraint's deferrability; RESTRICT, CASCADE, SET NULL and SET DEFAULT act at once.
     */
    private static boolean deferrable(Event e) {
        return switch (e.kind()) {
            case FK_CHECK -> true;
            case PK_DELETE -> e.c().delType() == 'a';
            case PK_UPDATE -> e.c().updType() == 'a';
        };
    }

    /** An event kept until commit or SET CONSTRAINTS ... IMMEDIATE; run on the table as it is then. */
    private record Deferred(int relOid, Event e) implements DeferredTriggers.Event {
        @Override
        public int constraintOid() { return e.c().oid(); }

        @Override
        public void fire(ExecContext ctx) {
            Relation rel = ctx.requireEnv().catalog().openRelation(relOid);
            if (rel == null) return;   // dropped since: its constraints went with it
            new RiTriggers(rel, List.of(), List.of(), ctx).run(e);
        }
    }

    /** ri_KeysEqual: whether the row's key columns of {@code c} (its referenced ones if {@code pkSide}) are unchanged. */
    private static boolean keysEqual(Object[] a, Object[] b, ConstraintInfo c, boolean pkSide) {
        for (int i = 0; i < c.keyCount(); i++) {
            int att = (pkSide ? c.fkey(i) : c.key(i)) - 1;
            if (!Objects.deepEquals(a[att], b[att])) return false;
        }
        return true;
    }

    private enum Nulls { NONE, SOME, ALL }

    /** ri_NullCheck. */
    private static Nulls nullCheck(Object[] row, ConstraintInfo c, boolean pkSide) {
        int nulls = 0;
        for (int i = 0; i < c.keyCount(); i++) if (row[(pkSide ? c.fkey(i) : c.key(i)) - 1] == null) nulls++;
        return nulls == 0 ? Nulls.NONE : nulls == c.keyCount() ? Nulls.ALL : Nulls.SOME;
    }

    /** RI_FKey_check: the referencing row {@code row} of {@code rel} needs a referenced row with its key. */
    private void checkReferenced(ConstraintInfo c, Object[] row) {
        Nulls n = nullCheck(row, c, false);
        if (n == Nulls.ALL) return;
        if (n == Nulls.SOME) {
            if (c.matchType() != 'f') return;
            throw PgException.error("23503", "insert or update on table \"" + rel.name()
                    + "\" violates foreign key constraint \"" + c.name() + "\"")
                    .withDetail("MATCH FULL does not allow mixing of null and nonnull key values.")
                    .withObjects(new PgException.ErrorObjects(null, rel.name(), null, null, c.name()));
        }
        ExecEnvironment env = ctx.requireEnv();
        Relation pk = env.catalog().openRelation(c.confrelid());
        StringBuilder sql = new StringBuilder("SELECT 1 FROM ").append(qualified(pk)).append(" x WHERE ");
        List<Integer> types = new ArrayList<>();
        Object[] params = new Object[c.keyCount()];
        for (int i = 0; i < c.keyCount(); i++) {
            if (i > 0) sql.append(" AND ");
            sql.append(quote(pk.desc().attr(c.fkey(i) - 1).name())).append(" = $").append(i + 1);
            types.add(rel.atttypid(c.key(i)));
            params[i] = row[c.key(i) - 1];
        }
        // As RI_FKey_check: the referenced row is locked FOR KEY SHARE, so that a concurrent
        // DELETE of it waits for us and then finds our referencing row.
        sql.append(" FOR KEY SHARE OF x");
        if (!run(sql.toString(), types, params, 1).isEmpty()) return;
        throw PgException.error("23503", "insert or update on table \"" + rel.name() + "\" violates foreign key constraint \""
                + c.name() + "\"")
                .withDetail("Key " + keyText(rel, row, c, false) + " is not present in table \"" + pk.name() + "\".")
                .withObjects(new PgException.ErrorObjects(null, rel.name(), null, null, c.name()));
    }

    /**
     * The referenced row {@code oldRow} of {@code rel} was deleted ({@code newRow} null) or its key
     * changed to {@code newRow}'s: RI_FKey_noaction_del/upd, RI_FKey_restrict_*, RI_FKey_cascade_*,
     * RI_FKey_setnull_*, RI_FKey_setdefault_*.
     */
    private void referencedRowGone(ConstraintInfo c, Object[] oldRow, Object[] newRow, char action) {
        // A key with a NULL cannot be referenced (MATCH SIMPLE or FULL alike).
        if (nullCheck(oldRow, c, true) != Nulls.NONE) return;
        ExecEnvironment env = ctx.requireEnv();
        Relation fk = env.catalog().openRelation(c.relid());
        List<Integer> types = new ArrayList<>();
        Object[] oldKey = new Object[c.keyCount()];
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < c.keyCount(); i++) {
            if (i > 0) where.append(" AND ");
            where.append(quote(fk.desc().attr(c.key(i) - 1).name())).append(" = $").append(i + 1);
            types.add(rel.atttypid(c.fkey(i)));
            oldKey[i] = oldRow[c.fkey(i) - 1];
        }
        switch (action) {
            case 'a', 'r' -> {
                if (action == 'a' && pkStillPresent(c, oldRow)) return;
                String sql = "SELECT 1 FROM " + qualified(fk) + " x WHERE " + where;
                if (run(sql, types, oldKey, 1).isEmpty()) return;
                throw PgException.error("23503", "update or delete on table \"" + rel.name()
                        + "\" violates foreign key constraint \"" + c.name() + "\" on table \"" + fk.name() + "\"")
                        .withDetail("Key " + keyText(rel, oldRow, c, true) + " is still referenced from table \""
                                + fk.name() + "\".")
                        .withObjects(new PgException.ErrorObjects(null, fk.name(), null, null, c.name()));
            }
            case 'c' -> {
                if (newRow == null) {
                    run("DELETE FROM " + qualified(fk) + " WHERE " + where, types, oldKey, 0);
                    return;
                }
                // UPDATE fk SET fkcols = new key WHERE fkcols = old key: the new values are $n+1...
                StringBuilder set = new StringBuilder();
                Object[] params = java.util.Arrays.copyOf(oldKey, 2 * c.keyCount());
                List<Integer> allTypes = new ArrayList<>(types);
                for (int i = 0; i < c.keyCount(); i++) {
                    if (i > 0) set.append(", ");
                    set.append(quote(fk.desc().attr(c.key(i) - 1).name())).append(" = $").append(c.keyCount() + i + 1);
                    params[c.keyCount() + i] = newRow[c.fkey(i) - 1];
                    allTypes.add(rel.atttypid(c.fkey(i)));
                }
                run("UPDATE " + qualified(fk) + " SET " + set + " WHERE " + where, allTypes, params, 0);
            }
            case 'n', 'd' -> {
                StringBuilder set = new StringBuilder();
                for (int i = 0; i < c.keyCount(); i++) {
                    if (i > 0) set.append(", ");
                    set.append(quote(fk.desc().attr(c.key(i) - 1).name())).append(action == 'n' ? " = NULL" : " = DEFAULT");
                }
                run("UPDATE " + qualified(fk) + " SET " + set + " WHERE " + where, types, oldKey, 0);
            }
            default -> throw new IllegalStateException("unknown foreign key action " + action);
        }
    }

    /** ri_Check_Pk_Match: whether a referenced row with the old key is visible now (another row took its place). */
    private boolean pkStillPresent(ConstraintInfo c, Object[] oldRow) {
        StringBuilder sql = new StringBuilder("SELECT 1 FROM ").append(qualified(rel)).append(" x WHERE ");
        List<Integer> types = new ArrayList<>();
        Object[] params = new Object[c.keyCount()];
        for (int i = 0; i < c.keyCount(); i++) {
            if (i > 0) sql.append(" AND ");
            sql.append(quote(rel.desc().attr(c.fkey(i) - 1).name())).append(" = $").append(i + 1);
            types.add(rel.atttypid(c.fkey(i)));
            params[i] = oldRow[c.fkey(i) - 1];
        }
        return !run(sql.toString(), types, params, 1).isEmpty();
    }

    /** ri_PerformCheck: runs the query {@code sql}, planned once per statement. */
    private List<Object[]> run(String sql, List<Integer> types, Object[] params, int limit) {
        ConstraintSupport spi = ctx.requireEnv().constraintSupport();
        ConstraintSupport.Prepared plan = plans.get(sql);
        if (plan == null) {
            plan = spi.prepare(sql, types, ctx);
            plans.put(sql, plan);
        }
        return spi.execute(plan, params, limit, ctx);
    }

    /** ri_ReportViolation's "(a, b)=(1, 2)": the key columns of {@code table} and their values in {@code row}. */
    private String keyText(Relation table, Object[] row, ConstraintInfo c, boolean pkSide) {
        StringBuilder names = new StringBuilder("(");
        StringBuilder values = new StringBuilder("(");
        for (int i = 0; i < c.keyCount(); i++) {
            int att = (pkSide ? c.fkey(i) : c.key(i)) - 1;
            if (i > 0) {
                names.append(", ");
                values.append(", ");
            }
            names.append(table.desc().attr(att).name());
            Object v = row[att];
            values.append(v == null ? "null"
                    : BuiltinCatalog.type(table.desc().attr(att).type().oid()).output().out(v, ctx.outputSettings()));
        }
        return names.append(")=").append(values).append(")").toString();
    }

    private String qualified(Relation r) {
        String nsp = ctx.requireEnv().catalog().namespaceName(r.namespace());
        return (nsp == null ? "" : quote(nsp) + ".") + quote(r.name());
    }

    /** quote_identifier, always quoting: the names are used as they are stored. */
    private static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
