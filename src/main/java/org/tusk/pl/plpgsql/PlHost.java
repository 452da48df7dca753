package org.tusk.pl.plpgsql;

import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.RawStmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.misc.SessionServices;

/**
 * What the backend's top level gives the PL/pgSQL handler (PostgreSQL's SPI and xact.c as
 * pl_exec.c uses them): name resolution, fresh statement environments, utility statements,
 * subtransactions for blocks with EXCEPTION, and the client channel for RAISE's messages.
 */
public interface PlHost {
    RelationProvider relations();

    SessionServices session();

    /** The relcache's name-cache generation: plans made under another one may be stale. */
    long generation();

    /** A statement environment: a snapshot taken now and the current command id (SPI's per-statement snapshot). */
    ExecEnvironment statementEnvironment();

    /**
     * A utility statement (CREATE, DROP, SET, ...) run to completion as ProcessUtility runs it;
     * the rows of one that returns them (EXPLAIN, SHOW: text columns), null for the others.
     */
    UtilityRows runUtility(RawStmt raw, String text, ExecEnvironment env);

    /** The rows a utility statement returned, with its columns' names and types. */
    record UtilityRows(java.util.List<String> names, java.util.List<Integer> types, java.util.List<Object[]> rows) {}

    /** BeginInternalSubTransaction. */
    void beginSubTransaction();

    /** ReleaseCurrentSubTransaction. */
    void releaseSubTransaction();

    /** RollbackAndReleaseCurrentSubTransaction, after an error caught by an EXCEPTION clause. */
    void rollbackSubTransaction();

    /** A NOTICE, WARNING, INFO, LOG or DEBUG report for the client, subject to client_min_messages. */
    void report(PgException message);
}
