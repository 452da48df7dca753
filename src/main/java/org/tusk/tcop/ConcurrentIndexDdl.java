package org.tusk.tcop;

import java.util.function.Consumer;

import org.tusk.commands.TransactionSteps;
import org.tusk.executor.ExecContext;
import org.tusk.nodes.Stmt;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.lmgr.VirtualTransactions;
import org.tusk.utils.error.PgException;

/**
 * The traffic cop's side of the index commands that commit as they go (CREATE INDEX
 * CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX ... CONCURRENTLY): PreventInTransactionBlock,
 * then the command runs with {@link TransactionSteps} that end the implicit transaction and
 * start the next (CommitTransactionCommand, StartTransactionCommand) in the middle of the
 * statement. The last transaction is the one the traffic cop commits after the statement, as it
 * would any statement's; an error aborts whichever transaction is current, the earlier ones
 * staying committed, as in PostgreSQL.
 */
final class ConcurrentIndexDdl {
    private final BackendContext ctx;
    private final BackendSession session;
    private final Runnable commitAndStart;

    ConcurrentIndexDdl(BackendContext ctx, BackendSession session, Runnable commitAndStart) {
        this.ctx = ctx;
        this.session = session;
        this.commitAndStart = commitAndStart;
    }

    /** The statement's name for PreventInTransactionBlock if it is one of these, else null. */
    static String concurrentCommand(Stmt s) {
        return switch (s) {
            case Stmt.IndexStmt i when i.concurrent() -> "CREATE INDEX CONCURRENTLY";
            case Stmt.DropStmt d when d.concurrent() -> "DROP INDEX CONCURRENTLY";
            case Stmt.ReindexStmt r when r.concurrently() -> "REINDEX CONCURRENTLY";
            default -> null;
        };
    }

    /** PreventInTransactionBlock: 25001 inside a block or a multi-statement query string. */
    static void preventInTransactionBlock(String what, boolean inBlock) {
        if (inBlock) throw PgException.error("25001", what + " cannot run inside a transaction block");
    }

    /** Runs {@code s} with {@code first} (the statement's context in the current transaction). */
    void run(Stmt s, String queryString, ExecContext first, Consumer<String> notices, Consumer<String> warnings,
             Consumer<String> infos) {
        TransactionSteps steps = steps();
        switch (s) {
            case Stmt.IndexStmt i -> org.tusk.commands.IndexCommands.define(i, queryString, first, steps);
            case Stmt.DropStmt d -> org.tusk.commands.DropIndexConcurrently.drop(d, first, steps, notices);
            case Stmt.ReindexStmt r -> org.tusk.commands.ReindexConcurrently.reindex(r, first, steps, infos, notices, warnings);
            default -> throw new IllegalArgumentException("not a concurrent index command: " + s);
        }
    }

    private TransactionSteps steps() {
        SessionStorage storage = ctx.storage;
        return new TransactionSteps() {
            @Override public void commitAndStart() { commitAndStart.run(); }
            @Override public ExecContext statementContext() { return ExecContext.of(session, storage.statementEnvironment()); }
            @Override public VirtualTransactions vxids() { return storage.vxids; }
            @Override public int databaseOid() { return ctx.database.oid(); }
            @Override public void lockRelationForSession(int relOid, int lockmode) {
                storage.lmgr.lockRelationIdForSession(ctx.database.oid(), relOid, LockMode.of(lockmode));
            }
            @Override public void unlockRelationForSession(int relOid, int lockmode) {
                storage.lmgr.unlockRelationIdForSession(ctx.database.oid(), relOid, LockMode.of(lockmode));
            }
        };
    }
}
