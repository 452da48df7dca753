package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.PartitionBound;
import org.tusk.catalog.PartitionBound.RangeDatum;
import org.tusk.catalog.PartitionCatalog;
import org.tusk.catalog.PartitionKey;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExprEvaluator;
import org.tusk.executor.PartitionRouting;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Lexer;
import org.tusk.parser.PartitionBoundAnalysis;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Partition bounds of DDL: parse_utilcmd.c transformPartitionBound (the written bound checked
 * against the parent's strategy, each datum evaluated to a constant of its key column's type)
 * and partbounds.c check_new_partition_bound (no overlap with the parent's other partitions, a
 * non-empty range, hash moduli that divide one another) plus check_default_partition_contents
 * (rows of an existing default partition must not belong to the new partition).
 */
final class PartitionBounds {
    private PartitionBounds() {}

    /** transformPartitionBound. */
    static PartitionBound transform(Stmt.PartitionBoundSpec spec, PartitionKey key, Relation parent, String queryString,
                                    ExecContext ctx) {
        int at = pos(queryString, spec.location());
        if (spec.strategy() != 'd' && spec.strategy() != key.strategy()) {
            // the message names the parent's strategy (transformPartitionBound)
            String kind = switch (key.strategy()) {
                case 'h' -> "hash";
                case 'l' -> "list";
                default -> "range";
            };
            throw PgException.errorAt(SqlState.INVALID_TABLE_DEFINITION, "invalid bound specification for a " + kind + " partition", at);
        }
        switch (spec.strategy()) {
            case 'd' -> {
                if (key.strategy() == 'h')
                    throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "a hash-partitioned table may not have a default partition");
                return PartitionBound.defaultBound();
            }
            case 'h' -> {
                if (key.strategy() != 'h')
                    throw PgException.errorAt(SqlState.INVALID_TABLE_DEFINITION, "invalid bound specification for a hash partition", at);
                if (spec.modulus() < 1)
                    throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "modulus for hash partition must be an integer value greater than zero");
                if (spec.remainder() >= spec.modulus())
                    throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "remainder for hash partition must be less than modulus");
                return new PartitionBound('h', null, null, null, spec.modulus(), spec.remainder());
            }
            case 'l' -> {
                if (key.strategy() != 'l')
                    throw PgException.errorAt(SqlState.INVALID_TABLE_DEFINITION, "invalid bound specification for a list partition", at);
                List<Object> values = new ArrayList<>();
                for (int d = 0; d < spec.listSql().size(); d++) {
                    Object v = eval(spec.listSql().get(d), spec.listDatums().get(d), queryString, key, parent, 0, ctx);
                    // duplicates are dropped, as transformPartitionBound does
                    boolean dup = false;
                    for (Object o : values) dup |= o == null ? v == null : v != null && key.compare(0, o, v) == 0;
                    if (!dup) values.add(v);
                }
                return new PartitionBound('l', values, null, null, -1, -1);
            }
            default -> {
                if (key.strategy() != 'r')
                    throw PgException.errorAt(SqlState.INVALID_TABLE_DEFINITION, "invalid bound specification for a range partition", at);
                if (spec.lower().size() != key.count())
                    throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "FROM must specify exactly one value per partitioning column");
                if (spec.upper().size() != key.count())
                    throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "TO must specify exactly one value per partitioning column");
                List<RangeDatum> lower = range(spec.lower(), spec.lowerSql(), key, parent, queryString, ctx);
                List<RangeDatum> upper = range(spec.upper(), spec.upperSql(), key, parent, queryString, ctx);
                return new PartitionBound('r', null, lower, upper, -1, -1);
            }
        }
    }

    /** transformPartitionRangeBounds + validateInfiniteBounds. */
    private static List<RangeDatum> range(List<RawExpr> raw, List<String> sql, PartitionKey key, Relation parent,
                                          String queryString, ExecContext ctx) {
        List<RangeDatum> out = new ArrayList<>();
        int kind = RangeDatum.VALUE;
        for (int i = 0; i < raw.size(); i++) {
            RawExpr e = raw.get(i);
            RangeDatum d;
            if (e instanceof RawExpr.ColumnRef cr && cr.fields().size() == 1 && cr.fields().get(0).equalsIgnoreCase("minvalue")) {
                d = new RangeDatum(RangeDatum.MINVALUE, null);
            } else if (e instanceof RawExpr.ColumnRef cr && cr.fields().size() == 1 && cr.fields().get(0).equalsIgnoreCase("maxvalue")) {
                d = new RangeDatum(RangeDatum.MAXVALUE, null);
            } else {
                Object v = eval(sql.get(i), e, queryString, key, parent, i, ctx);
                // transformPartitionRangeBounds reports it without a position
                if (v == null)
                    throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot specify NULL in range bound");
                d = new RangeDatum(RangeDatum.VALUE, v);
            }
            if (kind != d.kind()) {
                if (kind == RangeDatum.MAXVALUE)
                    throw PgException.errorAt(SqlState.DATATYPE_MISMATCH, "every bound following MAXVALUE must also be MAXVALUE",
                            pos(queryString, e.location()));
                if (kind == RangeDatum.MINVALUE)
                    throw PgException.errorAt(SqlState.DATATYPE_MISMATCH, "every bound following MINVALUE must also be MINVALUE",
                            pos(queryString, e.location()));
                kind = d.kind();
            }
            out.add(d);
        }
        return out;
    }

    /**
     * transformPartitionBoundValue's colname: a key column's name, or an expression deparsed
     * under the current search path (deparse_expression), not its stored text, whose names are
     * all schema-qualified.
     */
    private static String columnName(PartitionKey key, Relation parent, int i, ExecContext ctx) {
        if (!key.isExpression(i)) return key.displayName(i);
        List<org.tusk.nodes.Expr> exprs = org.tusk.parser.PartitionKeyAnalysis.stored(parent, key.expressionsText(), ctx.env());
        int next = 0;
        for (int j = 0; j < i; j++) if (key.isExpression(j)) next++;
        return org.tusk.utils.ruleutils.RuleUtils.nonPretty(exprs.get(next));
    }

    /** transformPartitionBoundValue: the datum analysed, coerced to key column {@code i}'s type and evaluated. */
    private static Object eval(String sql, RawExpr datum, String queryString, PartitionKey key, Relation parent, int i,
                               ExecContext ctx) {
        org.tusk.nodes.Expr e;
        try {
            e = PartitionBoundAnalysis.analyze(sql, columnName(key, parent, i, ctx), key.typeOid(i), key.typmod(i), ctx.inputSettings(),
                    ctx.session().currentDatabase(), ctx.session().scanSettings());
        } catch (PgException ex) {
            // the datum was analysed on its own: its error points into the CREATE/ALTER statement,
            // counted from where the datum's text starts (its node's location may be an operator inside it)
            int start = datum.location() < 0 ? -1 : queryString.lastIndexOf(sql, datum.location());
            int at = pos(queryString, start < 0 ? datum.location() : start);
            int shifted = ex.position() > 0 ? at + ex.position() - 1 : at;
            throw new PgException(ex.severity(), ex.sqlState(), ex.getMessage(), ex.detail(), ex.hint(), shifted);
        }
        return ExprEvaluator.eval(e, new Object[0], null, ctx);
    }

    /** check_new_partition_bound (+ check_default_partition_contents for a new non-default partition). */
    static void checkNew(String partName, Relation parent, PartitionKey key, PartitionBound bound, Stmt.PartitionBoundSpec spec,
                         String queryString, ExecContext ctx) {
        var catalog = ctx.env().catalog();
        PartitionCatalog pc = catalog.partitions();
        List<PartitionCatalog.Partition> parts = pc.partitions(parent, key, catalog);
        int at = pos(queryString, spec.location());
        if (bound.isDefault()) {
            int def = pc.defaultPartition(parent.oid());
            if (def != 0)
                throw PgException.errorAt("42P17", "partition \"" + partName + "\" conflicts with existing default partition \""
                        + catalog.openRelation(def).name() + "\"", at);
            return;
        }
        switch (bound.strategy()) {
            case 'l' -> {
                for (int i = 0; i < bound.listDatums().size(); i++) {
                    Object v = bound.listDatums().get(i);
                    for (PartitionCatalog.Partition p : parts) {
                        if (p.bound().strategy() == 'l' && p.bound().listContains(key, v))
                            throw overlap(partName, p, catalog, pos(queryString, spec.listDatums().get(i).location()));
                    }
                }
            }
            case 'r' -> {
                if (PartitionBound.compareRange(key, bound.lower(), bound.upper()) >= 0)
                    throw PgException.errorAt("42P17", "empty range bound specified for partition \"" + partName + "\"",
                            pos(queryString, spec.lower().get(0).location()))
                            .withDetail("Specified lower bound " + PartitionBound.rangeSql(bound.lower(), key)
                                    + " is greater than or equal to upper bound " + PartitionBound.rangeSql(bound.upper(), key) + ".");
                for (PartitionCatalog.Partition p : parts) {
                    if (p.bound().strategy() != 'r') continue;
                    // ranges [l1, u1) and [l2, u2) overlap when l1 < u2 and l2 < u1
                    if (PartitionBound.compareRange(key, bound.lower(), p.bound().upper()) < 0
                            && PartitionBound.compareRange(key, p.bound().lower(), bound.upper()) < 0) {
                        throw overlap(partName, p, catalog, pos(queryString, overlapDatum(key, bound, parts, spec).location()));
                    }
                }
            }
            default -> checkHash(partName, bound, parts, catalog, at);
        }
        int def = pc.defaultPartition(parent.oid());
        if (def != 0) {
            // check_default_partition_contents: the default partition's rows must not belong here
            Relation defRel = catalog.openRelation(def);
            catalog.lockRelation(def, org.tusk.catalog.RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            PartitionCommands.validateRows(defRel, parent, key, v -> !PartitionRouting.boundAccepts(key, bound, v, ctx), ctx,
                    "updated partition constraint for default partition \"" + defRel.name() + "\" would be violated by some row");
        }
    }

    /** One bound of the existing range partitions as PartitionBoundInfo keeps it: its datums and whether it is a lower bound. */
    private record RangeBound(List<PartitionBound.RangeDatum> datums, boolean lower) {}

    /**
     * check_new_partition_bound's error position for an overlapping range partition: the bounds
     * of the existing partitions in order, a boundary shared by two neighbours kept once as the
     * upper bound of the first (create_range_bounds); the new lower bound is searched among them
     * (partition_range_bsearch). When it falls in a gap, the new upper bound reaches into the next
     * partition, and the upper datum of the first column where that partition's lower bound
     * differs from it is the problem; otherwise the lower bound is inside a partition, and the
     * lower datum of the first column where the bound found differs from it (the first one when
     * they are equal). Columns are counted as partition_rbound_cmp counts them.
     */
    private static RawExpr overlapDatum(PartitionKey key, PartitionBound bound, List<PartitionCatalog.Partition> parts,
                                        Stmt.PartitionBoundSpec spec) {
        List<RangeBound> all = new ArrayList<>();
        for (PartitionCatalog.Partition p : parts) {
            if (p.bound().strategy() != 'r' || p.bound().isDefault()) continue;
            all.add(new RangeBound(p.bound().lower(), true));
            all.add(new RangeBound(p.bound().upper(), false));
        }
        all.sort((a, b) -> Integer.signum(rboundCmp(key, a.datums(), a.lower(), b)));
        List<RangeBound> distinct = new ArrayList<>();
        for (RangeBound b : all) {
            RangeBound prev = distinct.isEmpty() ? null : distinct.get(distinct.size() - 1);
            if (prev != null && PartitionBound.compareRange(key, prev.datums(), b.datums()) == 0
                    && sameKinds(prev.datums(), b.datums())) {
                // a shared boundary is stored once, as an upper bound when either side's is one
                if (!b.lower()) distinct.set(distinct.size() - 1, b);
                continue;
            }
            distinct.add(b);
        }
        RangeBound probe = new RangeBound(bound.lower(), true);
        int lo = -1, hi = distinct.size() - 1, cmpval = 0;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            cmpval = rboundCmp(key, distinct.get(mid).datums(), distinct.get(mid).lower(), probe);
            if (cmpval <= 0) {
                lo = mid;
                if (cmpval == 0) break;
            } else {
                hi = mid - 1;
            }
        }
        boolean inGap = lo + 1 >= distinct.size() || distinct.get(lo + 1).lower();
        if (inGap && lo + 1 < distinct.size()) {
            int c = rboundCmp(key, distinct.get(lo + 1).datums(), true, new RangeBound(bound.upper(), false));
            if (c < 0) return spec.upper().get(Math.abs(c) - 1);
        }
        return cmpval == 0 ? spec.lower().get(0) : spec.lower().get(Math.abs(cmpval) - 1);
    }

    private static boolean sameKinds(List<PartitionBound.RangeDatum> a, List<PartitionBound.RangeDatum> b) {
        for (int i = 0; i < a.size(); i++) if (a.get(i).kind() != b.get(i).kind()) return false;
        return true;
    }

    /**
     * partition_rbound_cmp: 0 when equal, else the 1-based number of the first column that
     * differs, negative when the first bound sorts before the second; equal datums order an upper
     * bound before a lower one.
     */
    private static int rboundCmp(PartitionKey key, List<PartitionBound.RangeDatum> d1, boolean lower1, RangeBound b2) {
        int colnum = 0, cmp = 0;
        for (int i = 0; i < d1.size(); i++) {
            colnum++;
            PartitionBound.RangeDatum x = d1.get(i), y = b2.datums().get(i);
            if (x.kind() < y.kind()) return -colnum;
            if (x.kind() > y.kind()) return colnum;
            if (x.kind() != PartitionBound.RangeDatum.VALUE) break;
            cmp = key.compare(i, x.value(), y.value());
            if (cmp != 0) break;
        }
        if (cmp == 0 && lower1 != b2.lower()) cmp = lower1 ? 1 : -1;
        return cmp == 0 ? 0 : cmp < 0 ? -colnum : colnum;
    }

    /**
     * check_new_partition_bound's hash part: the new modulus must be divisible by the modulus of
     * the greatest existing (modulus, remainder) pair not above the new one, and a factor of the
     * next greater one's (the partitions are in that order); remainders must not collide.
     */
    private static void checkHash(String partName, PartitionBound bound, List<PartitionCatalog.Partition> parts,
                                  org.tusk.catalog.Catalog catalog, int at) {
        List<PartitionCatalog.Partition> hs = new ArrayList<>();
        for (PartitionCatalog.Partition p : parts) if (p.bound().strategy() == 'h') hs.add(p);
        int nm = bound.modulus();
        if (!hs.isEmpty()) {
            int offset = -1;
            for (int k = 0; k < hs.size(); k++) {
                PartitionBound b = hs.get(k).bound();
                if (b.modulus() < nm || b.modulus() == nm && b.remainder() <= bound.remainder()) offset = k;
            }
            if (offset < 0) {
                if (hs.get(0).bound().modulus() % nm != 0) throw notFactor(nm, hs.get(0), catalog);
            } else {
                int prev = hs.get(offset).bound().modulus();
                if (nm % prev != 0)
                    throw PgException.error("42P17", "every hash partition modulus must be a factor of the next larger modulus")
                            .withDetail("The new modulus " + nm + " is not divisible by " + prev
                                    + ", the modulus of existing partition \"" + catalog.openRelation(hs.get(offset).oid()).name() + "\".");
                if (offset + 1 < hs.size() && hs.get(offset + 1).bound().modulus() % nm != 0)
                    throw notFactor(nm, hs.get(offset + 1), catalog);
            }
        }
        for (PartitionCatalog.Partition p : hs) {
            int small = Math.min(p.bound().modulus(), nm);
            if (p.bound().remainder() % small == bound.remainder() % small) throw overlap(partName, p, catalog, at);
        }
    }

    private static PgException notFactor(int nm, PartitionCatalog.Partition next, org.tusk.catalog.Catalog catalog) {
        return PgException.error("42P17", "every hash partition modulus must be a factor of the next larger modulus")
                .withDetail("The new modulus " + nm + " is not a factor of " + next.bound().modulus()
                        + ", the modulus of existing partition \"" + catalog.openRelation(next.oid()).name() + "\".");
    }

    private static PgException overlap(String partName, PartitionCatalog.Partition p, org.tusk.catalog.Catalog catalog, int at) {
        return PgException.errorAt("42P17", "partition \"" + partName + "\" would overlap partition \""
                + catalog.openRelation(p.oid()).name() + "\"", at);
    }

    private static int pos(String queryString, int location) {
        return location < 0 ? 0 : Lexer.position(queryString, location);
    }
}
