package org.tusk.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * DoCopy (PostgreSQL's commands/copy.c): checks the target and the options, opens the data
 * stream (the client's, or a server file for superusers) and runs {@link CopyFrom} or
 * {@link CopyTo}. COPY FROM locks the table RowExclusiveLock, COPY TO AccessShareLock.
 * COPY (query) TO is run by the caller, which plans the query and hands its rows to
 * {@link #copyRowsTo}.
 */
public final class CopyCommand {
    private CopyCommand() {}

    /**
     * COPY table [(cols)] FROM; {@code client} is used when no file is named, a relative file name
     * is taken relative to {@code dataDir} (a PostgreSQL backend's working directory). Returns the row count.
     */
    public static long copyFrom(Stmt.CopyStmt s, ExecContext ctx, boolean superuser, Path dataDir, CopySource client,
                                String queryString) {
        CopyOptions opts = CopyOptions.process(s.options(), true, queryString);
        checkFileAccess(s, superuser);
        ExecEnvironment env = ctx.env();
        Relation rel = openTable(s, env, RelationLocks.ROW_EXCLUSIVE_LOCK, true);
        int[] attnums = attnums(s, rel);
        org.tusk.executor.ExecPermissions.checkColumns(rel, org.tusk.catalog.Acl.ACL_INSERT, attnums, env);
        CopyColumnFlags flags = CopyColumnFlags.forFrom(opts, rel, attnums);
        org.tusk.nodes.Expr where = s.whereClause() == null ? null
                : org.tusk.parser.CopyWhereAnalysis.analyze(rel, s.whereClause(), queryString, ctx.inputSettings(),
                        ctx.session().currentDatabase(), env);
        CopyFrom from = new CopyFrom(rel, attnums, opts, flags, where, ctx, () -> {
            // CopyFrom's FREEZE checks, in its order
            if (opts.freeze() && rel.relkind() == 'p')
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot perform COPY FREEZE on a partitioned table");
            if (opts.freeze() && !env.catalog().createdInCurrentSubTransaction(rel)) {
                throw PgException.error("55000",
                        "cannot perform COPY FREEZE because the table was not created or truncated in the current subtransaction");
            }
        });
        if (s.filename() == null) {
            return CopyProgress.reporting(env.progress(), rel.oid(), true, false, 0,
                    progress -> from.run(progress.counting(client), progress));
        }
        Path file = dataDir.resolve(s.filename());
        try (InputStream in = Files.newInputStream(file)) {
            return CopyProgress.reporting(env.progress(), rel.oid(), true, true, Files.size(file),
                    progress -> from.run(progress.counting(fileSource(in, s.filename())), progress));
        } catch (IOException e) {
            throw PgException.error(SqlState.UNDEFINED_FILE, "could not open file \"" + s.filename() + "\" for reading: "
                    + reason(e)).withHint("COPY FROM instructs the PostgreSQL server process to read a file. You may want a client-side facility such as psql's \\copy.");
        }
    }

    /** COPY table [(cols)] TO: a sequential scan with the statement's snapshot. Returns the row count. */
    public static long copyTo(Stmt.CopyStmt s, ExecContext ctx, boolean superuser, CopySink client, String queryString) {
        CopyOptions opts = CopyOptions.process(s.options(), false, queryString);
        checkFileAccess(s, superuser);
        ExecEnvironment env = ctx.env();
        Relation rel = openTable(s, env, RelationLocks.ACCESS_SHARE_LOCK, false);
        int[] attnums = attnums(s, rel);
        org.tusk.executor.ExecPermissions.checkColumns(rel, org.tusk.catalog.Acl.ACL_SELECT, attnums, env);
        List<String> names = new ArrayList<>();
        for (int a : attnums) names.add(rel.desc().attr(a - 1).name());
        TableScan scan = env.tableAm().beginScan(rel, env.snapshot());
        try {
            Iterator<String[]> rows = new Iterator<>() {
                TupleSlot next = scan.next();

                @Override public boolean hasNext() { return next != null; }

                @Override public String[] next() {
                    Object[] v = next.values();
                    String[] out = new String[attnums.length];
                    for (int i = 0; i < attnums.length; i++) {
                        Object x = v[attnums[i] - 1];
                        out[i] = x == null ? null : BuiltinCatalog.type(rel.atttypid(attnums[i]))
                                .output().out(x, ctx.outputSettings());
                    }
                    next = scan.next();
                    return out;
                }
            };
            return copyRowsTo(s, opts, CopyColumnFlags.forceQuote(opts, names, rel), names, rows, ctx, client, rel.oid());
        } finally {
            scan.close();
        }
    }

    /** COPY (query) TO: the rows of the planned query, already in text form. */
    public static long copyQueryTo(Stmt.CopyStmt s, ExecContext ctx, boolean superuser, List<String> columnNames,
                                   Iterator<String[]> rows, CopySink client, String queryString) {
        CopyOptions opts = CopyOptions.process(s.options(), false, queryString);
        checkFileAccess(s, superuser);
        return copyRowsTo(s, opts, CopyColumnFlags.forceQuote(opts, columnNames, null), columnNames, rows, ctx, client, 0);
    }

    private static long copyRowsTo(Stmt.CopyStmt s, CopyOptions opts, boolean[] forceQuote, List<String> names,
                                   Iterator<String[]> rows, ExecContext ctx, CopySink client, int relid) {
        CopyTo to = new CopyTo(opts, forceQuote);
        Runnable cfi = () -> ctx.session().checkForInterrupts();
        if (s.filename() == null) {
            return CopyProgress.reporting(ctx.env().progress(), relid, false, false, 0,
                    progress -> to.run(names, rows, progress.counting(client), cfi, progress));
        }
        if (!Path.of(s.filename()).isAbsolute())
            throw PgException.error("42602", "relative path not allowed for COPY to file");
        try (OutputStream out = Files.newOutputStream(Path.of(s.filename()))) {
            return CopyProgress.reporting(ctx.env().progress(), relid, false, true, 0,
                    progress -> to.run(names, rows, progress.counting(fileSink(out, s.filename())), cfi, progress));
        } catch (IOException e) {
            throw PgException.error(SqlState.IO_ERROR, "could not open file \"" + s.filename() + "\" for writing: " + reason(e))
                    .withHint("COPY TO instructs the PostgreSQL server process to write a file. You may want a client-side facility such as psql's \\copy.");
        }
    }

    private static void checkFileAccess(Stmt.CopyStmt s, boolean superuser) {
        if (s.filename() == null || superuser) return;
        throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, s.isFrom()
                        ? "must be superuser or have privileges of the pg_read_server_files role to COPY from a file"
                        : "must be superuser or have privileges of the pg_write_server_files role to COPY to a file")
                .withHint("Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.");
    }

    private static Relation openTable(Stmt.CopyStmt s, ExecEnvironment env, int lockMode, boolean isFrom) {
        Stmt.RangeVar rv = s.relation();
        Relation rel = env.catalog().openRelation(rv.schema(), rv.name(), lockMode);
        if (rel == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        if (rel.relkind() == 'p' && !isFrom) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot copy from partitioned table \"" + rel.name() + "\"")
                    .withHint("Try the COPY (SELECT ...) TO variant.");
        }
        // a view takes COPY FROM through its INSTEAD OF INSERT trigger, checked once the data flows (CopyFrom)
        if (rel.relkind() != 'r' && rel.relkind() != 'p' && !(isFrom && rel.relkind() == 'v')) {
            String kind = switch (rel.relkind()) {
                case 'v' -> "view";
                case 'm' -> "materialized view";
                case 'S' -> "sequence";
                case 'i' -> "index";
                default -> "non-table relation";
            };
            if (isFrom) throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot copy to " + kind + " \"" + rel.name() + "\"");
            if (rel.relkind() == 'v' || rel.relkind() == 'm') {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot copy from " + kind + " \"" + rel.name() + "\"")
                        .withHint("Try the COPY (SELECT ...) TO variant.");
            }
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot copy from " + kind + " \"" + rel.name() + "\"");
        }
        return rel;
    }

    /** CopyGetAttnums: the listed columns (42703 for an unknown one, 42701 for a repeat), or all. */
    public static int[] attnums(Stmt.CopyStmt s, Relation rel) {
        if (s.columns().isEmpty()) {
            // every column but the dropped and the generated ones (computed as rows are stored)
            return java.util.stream.IntStream.rangeClosed(1, rel.desc().natts())
                    .filter(a -> !rel.desc().attr(a - 1).attisdropped() && rel.attgenerated(a) == 0).toArray();
        }
        int[] out = new int[s.columns().size()];
        for (int i = 0; i < out.length; i++) {
            String name = s.columns().get(i);
            int found = -1;
            for (int a = 0; a < rel.desc().natts(); a++) {
                if (rel.desc().attr(a).name().equals(name) && !rel.desc().attr(a).attisdropped()) found = a + 1;
            }
            if (found < 0) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + rel.name()
                        + "\" does not exist");
            }
            if (rel.attgenerated(found) != 0)
                throw PgException.error("42P10", "column \"" + name + "\" is a generated column")
                        .withDetail("Generated columns cannot be used in COPY.");
            for (int j = 0; j < i; j++) {
                if (out[j] == found) throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
            }
            out[i] = found;
        }
        return out;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        return e.getMessage();
    }

    private static CopySource fileSource(InputStream in, String name) {
        return new CopySource() {
            @Override public void start(int natts) { }

            @Override public byte[] read() {
                try {
                    byte[] b = in.readNBytes(65536);
                    return b.length == 0 ? null : b;
                } catch (IOException e) {
                    throw PgException.error(SqlState.IO_ERROR, "could not read from COPY file: " + reason(e));
                }
            }
        };
    }

    private static CopySink fileSink(OutputStream out, String name) {
        return new CopySink() {
            @Override public void start(int natts) { }

            @Override public void write(byte[] row) {
                try {
                    out.write(row);
                } catch (IOException e) {
                    throw PgException.error(SqlState.IO_ERROR, "could not write to COPY file: " + reason(e));
                }
            }

            @Override public void end() { }
        };
    }
}
