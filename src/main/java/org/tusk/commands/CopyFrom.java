package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExprEvaluator;
import org.tusk.executor.PartitionRouting;
import org.tusk.executor.PartitionTupleRouting;
import org.tusk.executor.TableConstraints;
import org.tusk.nodes.Expr;
import org.tusk.parser.Analyzer;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * COPY FROM into a table (PostgreSQL's copyfrom.c CopyFrom with copyfromparse.c NextCopyFrom):
 * each line is split into fields, each field converted by its column's input function (and
 * typmod), columns not listed get their defaults, NOT NULL is checked, and the row is stored
 * through the table AM and entered into every index, unique ones checking for duplicates, as
 * ModifyTable's INSERT does. Rows carry the statement's command id.
 *
 * <p>A view is copied into through its INSTEAD OF INSERT triggers, which get each row in the
 * view's place (CopyFrom's has_instead_insert_row_trig; every such row is counted, whatever the
 * trigger returns, as CopyFrom counts them); without one the COPY fails once the
 * client has started sending, as CopyFrom's relkind check does.
 *
 * <p>An error names where it happened in a CONTEXT line, as CopyFromErrorCallback does:
 * {@code COPY t, line 3, column b: "x"} while a field is converted, otherwise
 * {@code COPY t, line 3: "<the line>"}.
 */
final class CopyFrom {
    /** limit_printout_length's MAX_COPY_DATA_DISPLAY. */
    private static final int MAX_DISPLAY = 100;

    private final Relation rel;
    private final int[] attnums;
    private final CopyOptions opts;
    /** FORCE_NOT_NULL, FORCE_NULL and convert_selectively per column. */
    private final CopyColumnFlags flags;
    /** COPY FROM ... WHERE: rows it rejects are skipped (null: none). */
    private final Expr where;
    private final ExecContext ctx;
    private final ExecEnvironment env;
    private final Expr[] defaults;
    private final List<Relation> indexes;
    /** FormIndexDatum of each of {@link #indexes}, in the same order. */
    private final List<org.tusk.executor.IndexKeys> indexKeys;
    /** NOT NULL and CHECK constraints per row; foreign keys checked when all rows are in (CopyFrom's AfterTriggerEndQuery). */
    private final TableConstraints constraints;
    /** Checks PostgreSQL makes only once the client is already sending (COPY FREEZE's). */
    private final Runnable afterStart;
    /** COPY into a partitioned table: each row routed to its leaf (ExecSetupPartitionTupleRouting). */
    private final PartitionTupleRouting routing;
    /** COPY into a partition directly: its partition constraint (ExecPartitionCheck); null otherwise. */
    private final PartitionRouting.Constraint partitionConstraint;

    CopyFrom(Relation rel, int[] attnums, CopyOptions opts, CopyColumnFlags flags, Expr where, ExecContext ctx,
             Runnable afterStart) {
        this.afterStart = afterStart;
        this.flags = flags;
        this.where = where;
        this.rel = rel;
        this.attnums = attnums;
        this.opts = opts;
        this.ctx = ctx;
        this.env = ctx.env();
        int natts = rel.desc().natts();
        this.defaults = new Expr[natts];
        boolean[] listed = new boolean[natts];
        for (int a : attnums) listed[a - 1] = true;
        List<String> defaultSql = env.catalog().columnDefaults(rel);
        for (int i = 0; i < natts; i++) {
            if (listed[i]) continue;
            String sql = defaultSql.get(i);
            org.tusk.catalog.DomainInfo domain = org.tusk.catalog.TypeCache.lookupDomain(rel.atttypid(i + 1));
            if (sql == null && domain != null) sql = domain.defaultSql() != null ? domain.defaultSql() : "NULL";
            if (sql == null) continue;
            defaults[i] = Analyzer.analyzeColumnDefault(sql, rel.desc().attr(i).name(),
                    rel.atttypid(i + 1), rel.atttypmod(i + 1), ctx.inputSettings(), ctx.session().currentDatabase(),
                    ctx.session().scanSettings());
        }
        this.indexes = new ArrayList<>(env.catalog().indexesOf(rel));
        indexes.removeIf(index -> !index.indexIsReady());   // ii_ReadyForInserts
        this.indexKeys = new ArrayList<>();
        for (Relation index : indexes) indexKeys.add(org.tusk.executor.IndexKeys.open(rel, index, ctx));
        this.constraints = TableConstraints.open(rel, ctx);
        this.routing = rel.relkind() == 'p' ? new PartitionTupleRouting(rel, ctx) : null;
        this.partitionConstraint = PartitionRouting.constraintOf(rel, ctx);
        this.triggers = org.tusk.executor.RelationTriggers.open(rel, ctx);
        this.batch = batchable() ? new CopyMultiInsertBuffer() : null;
        // the input function of each copied column, and its domain if it has one (CopyFrom's
        // in_functions, looked up once, not per field)
        this.domains = new org.tusk.catalog.DomainInfo[attnums.length];
        this.inputs = new org.tusk.catalog.PgType[attnums.length];
        for (int i = 0; i < attnums.length; i++) {
            int type = rel.atttypid(attnums[i]);
            domains[i] = org.tusk.catalog.TypeCache.lookupDomain(type);
            inputs[i] = BuiltinCatalog.type(domains[i] == null ? type : org.tusk.catalog.TypeCache.baseType(type));
        }
    }

    /** Per copied column: its domain (null if not one), and the type whose input function reads it. */
    private final org.tusk.catalog.DomainInfo[] domains;
    private final org.tusk.catalog.PgType[] inputs;

    /** The rows read but not yet stored, when rows are stored in batches (CIM_MULTI); null when row by row. */
    private final CopyMultiInsertBuffer batch;

    /** Where {@link #run} reports its progress. */
    private CopyProgress progress;

    /** The table's triggers (COPY FROM fires INSERT triggers, as CopyFrom does); null if none. */
    private final org.tusk.executor.RelationTriggers triggers;

    /** Reads every line of {@code source} and inserts its row; returns the number of rows. */
    long run(CopySource source, CopyProgress progress) {
        this.progress = progress;
        CopyLineReader reader = new CopyLineReader(source, opts);
        CopyFieldParser parser = new CopyFieldParser(opts);
        source.start(attnums.length);
        if (rel.relkind() == 'v' && (triggers == null || !triggers.definesInsteadRow(org.tusk.executor.TriggerData.TRIGGER_EVENT_INSERT))) {
            throw PgException.error(org.tusk.utils.error.SqlState.WRONG_OBJECT_TYPE, "cannot copy to view \"" + rel.name() + "\"")
                    .withHint("To enable copying to a view, provide an INSTEAD OF INSERT trigger.");
        }
        afterStart.run();
        long rows = 0;
        String line;
        if (opts.header()) {
            String header = reader.readLine();
            if (header == null) return 0;
            if (opts.headerMatch()) {
                try {
                    checkHeader(parser.split(header));
                } catch (PgException e) {
                    throw e.withContext(lineContext(reader.lineNo(), header));
                }
            }
        }
        if (triggers != null) triggers.beforeStatement(org.tusk.executor.TriggerData.TRIGGER_EVENT_INSERT);
        while ((line = reader.readLine()) != null) {
            ctx.session().checkForInterrupts();
            try {
                if (insertRow(parser.split(line), line, reader.lineNo())) {
                    rows++;
                    progress.tupleProcessed();
                }
            } catch (PgException e) {
                if (e.context() != null && e.context().startsWith("COPY ")) throw e;
                throw e.withContext(lineContext(reader.lineNo(), line));
            }
        }
        flushBatch();
        constraints.endOfStatement();
        if (routing != null) routing.endOfStatement();
        if (triggers != null) {
            triggers.afterStatement(org.tusk.executor.TriggerData.TRIGGER_EVENT_INSERT);
            triggers.endOfStatement();
        }
        return rows;
    }

    /**
     * NextCopyFrom and the insertion of one row; false if the WHERE clause rejected it or a BEFORE
     * ROW trigger skipped it (neither is counted).
     */
    private boolean insertRow(List<String> fields, String line, long lineNo) {
        if (fields.size() > attnums.length) throw PgException.error("22P04", "extra data after last expected column");
        Object[] row = new Object[rel.desc().natts()];
        org.tusk.utils.adt.InputSettings input = ctx.inputSettings();
        for (int i = 0; i < attnums.length; i++) {
            int a = attnums[i];
            String name = rel.desc().attr(a - 1).name();
            if (i >= fields.size()) throw PgException.error("22P04", "missing data for column \"" + name + "\"");
            String f = fields.get(i);
            if (!flags.convert()[a - 1]) continue;   // convert_selectively: the field is left NULL
            if (opts.csv()) {
                // FORCE_NOT_NULL reads the (unquoted) null string as a value, FORCE_NULL a quoted one as NULL
                if (f == null && flags.forceNotNull()[a - 1]) f = opts.nullString();
                else if (f != null && flags.forceNull()[a - 1] && f.equals(opts.nullString())) f = null;
            }
            int type = rel.atttypid(a);
            org.tusk.catalog.DomainInfo domain = domains[i];
            if (f == null && domain == null) continue;
            try {
                if (domain != null) {
                    // domain_in: the base type's input (and typmod), then the domain's constraints, NULL included
                    int base = org.tusk.catalog.TypeCache.baseType(type);
                    Object v = f == null ? null : TypmodCoercion.apply(base, domain.baseTypmod(),
                            inputs[i].input().in(f, input));
                    row[a - 1] = org.tusk.executor.DomainConstraints.check(type, v, ctx);
                    continue;
                }
                Object v = inputs[i].input().in(f, input);
                row[a - 1] = TypmodCoercion.apply(type, rel.atttypmod(a), v);
            } catch (PgException e) {
                throw e.withContext("COPY " + rel.name() + ", line " + lineNo + ", column " + name + ": \"" + limit(f) + "\"");
            }
        }
        for (int i = 0; i < defaults.length; i++) {
            if (defaults[i] != null) row[i] = ExprEvaluator.eval(defaults[i], new Object[0], null, ctx);
        }
        // CopyFrom: the WHERE clause sees the row with its defaults, before routing and constraints
        if (where != null && !ExprEvaluator.qual(where, row, null, ctx)) {
            progress.tupleExcluded();
            return false;
        }
        if (routing != null) {
            // CopyFrom's tuple routing: the leaf's own constraints are checked there
            return routing.insert(row) != null;   // null: skipped by the leaf's BEFORE ROW trigger
        }
        if (rel.relkind() == 'v') {
            // ExecIRInsertTriggers: the trigger stores the row. CopyFrom ignores its result and counts
            // the row either way (unlike INSERT, which does not count a row the trigger returned NULL for)
            triggers.insteadRow(org.tusk.executor.TriggerData.TRIGGER_EVENT_INSERT, null, row);
            return true;
        }
        if (triggers != null) {
            row = triggers.beforeRow(org.tusk.executor.TriggerData.TRIGGER_EVENT_INSERT, null, row, null);
            if (row == null) return false;   // skipped by a BEFORE ROW trigger
        }
        constraints.checkRow(row);
        if (partitionConstraint != null && !partitionConstraint.accepts(row))
            throw PartitionRouting.constraintViolation(rel, row, ctx);
        if (batch != null) {
            if (batch.add(row, lineNo, line.length())) flushBatch();
            return true;
        }
        ItemPointer tid = env.tableAm().insert(rel, row, env.commandId());
        afterStore(row, tid, lineNo);
        return true;
    }

    /**
     * What follows the storing of a row: its index entries (unique ones checking for duplicates),
     * its foreign-key checks and its AFTER ROW triggers queued, as ExecInsertIndexTuples and
     * ExecARInsertTriggers do after table_tuple_insert or, for a batch, after table_multi_insert.
     */
    private void afterStore(Object[] row, ItemPointer tid, long lineNo) {
        try {
            for (int i = 0; i < indexes.size(); i++) {
                Relation index = indexes.get(i);
                Object[] keys = indexKeys.get(i).form(row);
                if (keys == null) continue;   // outside a partial index
                constraints.insertIndexEntry(index, keys, tid);
            }
        } catch (PgException e) {
            // PostgreSQL inserts index entries when it flushes its batch of rows, when the line
            // itself is no longer at hand: its context names only the line number.
            throw e.withContext("COPY " + rel.name() + ", line " + lineNo);
        }
        constraints.afterInsert(row, tid);
        if (triggers != null) triggers.afterRow(org.tusk.executor.TriggerData.TRIGGER_EVENT_INSERT, null, row, null, null, tid);
    }

    /** CopyMultiInsertBufferFlush: stores the batched rows a page at a time, then does what follows each. */
    private void flushBatch() {
        if (batch == null || batch.isEmpty()) return;
        ItemPointer[] tids = env.tableAm().multiInsert(rel, batch.rows(), env.commandId());
        for (int i = 0; i < tids.length; i++) afterStore(batch.rows().get(i), tids[i], batch.lineNo(i));
        batch.clear();
    }

    /**
     * CopyFrom's choice of CIM_MULTI: rows are batched unless something must see each row stored
     * before the next is made: a BEFORE or INSTEAD OF ROW trigger, a volatile default (nextval
     * aside, whose order does not matter) or WHERE clause, or routing to partitions (which this
     * does row by row). AFTER ROW triggers and foreign-key checks are queued for the end of the
     * statement either way.
     */
    private boolean batchable() {
        if (rel.relkind() != 'r' || routing != null) return false;
        if (triggers != null && (triggers.hasRowTriggers('B', org.tusk.executor.TriggerData.TRIGGER_EVENT_INSERT)
                || triggers.definesInsteadRow(org.tusk.executor.TriggerData.TRIGGER_EVENT_INSERT))) return false;
        if (where != null && volatileNotNextval(where)) return false;
        for (Expr d : defaults) if (d != null && volatileNotNextval(d)) return false;
        return true;
    }

    /** contain_volatile_functions_not_nextval. */
    private static boolean volatileNotNextval(Expr e) {
        return org.tusk.nodes.ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() == org.tusk.catalog.PgProc.Volatility.VOLATILE && !isNextval(f.proc());
            case Expr.OpExpr o -> o.op().volatility() == org.tusk.catalog.PgProc.Volatility.VOLATILE;
            case Expr.SubLink sl -> true;
            default -> false;
        });
    }

    /** The built-in nextval(regclass) (F_NEXTVAL). */
    private static boolean isNextval(org.tusk.catalog.PgProc p) {
        return p.name().equals("nextval") && p.argTypes().size() == 1 && p.argTypes().get(0) == org.tusk.utils.adt.RegTypes.REGCLASS
                && org.tusk.catalog.BuiltinCatalog.functionByOid(p.oid()) != null;
    }

    /**
     * HEADER MATCH (copyfromparse.c NextCopyFromRawFields): the header's fields are the names of
     * the copied columns in the COPY's column order; dropped columns are not copied, so not expected.
     */
    private void checkHeader(List<String> fields) {
        if (fields.size() != attnums.length)
            throw PgException.error("22P04", "wrong number of fields in header line: got " + fields.size()
                    + ", expected " + attnums.length);
        for (int i = 0; i < attnums.length; i++) {
            String expected = rel.desc().attr(attnums[i] - 1).name();
            String got = fields.get(i);
            if (got == null)
                throw PgException.error("22P04", "column name mismatch in header line field " + (i + 1)
                        + ": got null value (\"" + opts.nullString() + "\"), expected \"" + expected + "\"");
            if (!got.equals(expected))
                throw PgException.error("22P04", "column name mismatch in header line field " + (i + 1)
                        + ": got \"" + got + "\", expected \"" + expected + "\"");
        }
    }

    private String lineContext(long lineNo, String line) {
        return "COPY " + rel.name() + ", line " + lineNo + ": \"" + limit(line) + "\"";
    }

    /** limit_printout_length: at most 100 characters, then "...". */
    private static String limit(String s) {
        return s.length() <= MAX_DISPLAY ? s : s.substring(0, MAX_DISPLAY) + "...";
    }
}
