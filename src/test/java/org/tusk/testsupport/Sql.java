package org.tusk.testsupport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.catalog.RelationProvider;
import org.tusk.nodes.RawStmt;
import org.tusk.tcop.Engine;
import org.tusk.tcop.PreparedStatement;
import org.tusk.utils.error.PgException;

/** Runs SQL through the engine like a simple-query loop and renders results for assertions. */
public final class Sql {
    public final FakeSession session = new FakeSession();
    public RelationProvider relations = RelationProvider.EMPTY;
    public PreparedStatement last;
    /** Per-statement storage environments; none by default, as in a backend without storage. */
    public java.util.function.Supplier<org.tusk.executor.ExecEnvironment> env = () -> null;
    /** Runs when a statement fails, before the error propagates (to roll back test storage). */
    public Runnable onError = () -> {};

    /** A session over fresh in-memory storage whose failed statements roll back their changes. */
    public static Sql inMemory() {
        return inMemory(new MemEnv());
    }

    /** A session over {@code env}, whose failed statements roll back their changes. */
    public static Sql inMemory(MemEnv env) {
        Sql sql = new Sql();
        sql.env = env;
        sql.onError = env::abortCurrentCommand;
        return sql;
    }

    /** Runs every statement; returns the last statement's rows, each row as "a|b|c" (NULL as empty). */
    public List<String> rows(String query) {
        try {
            return run(query);
        } catch (PgException e) {
            onError.run();
            throw e;
        }
    }

    private List<String> run(String query) {
        List<String> out = new ArrayList<>();
        for (RawStmt raw : Engine.parse(query)) {
            out.clear();
            last = Engine.prepare(raw, query, relations, session, null, null, env.get());
            Iterator<String[]> it = last.execute();
            while (it.hasNext()) {
                String[] r = it.next();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    if (i > 0) sb.append('|');
                    sb.append(r[i] == null ? "" : r[i]);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** The single value of a one-row, one-column query. */
    public String value(String query) {
        List<String> r = rows(query);
        if (r.size() != 1) throw new AssertionError("expected one row, got " + r);
        return r.get(0);
    }

    /** "SQLSTATE: message @position" of the error the query raises. */
    public String error(String query) {
        try {
            rows(query);
        } catch (PgException e) {
            return e.sqlState() + ": " + e.getMessage() + (e.position() > 0 ? " @" + e.position() : "")
                    + (e.detail() != null ? " DETAIL " + e.detail() : "");
        }
        throw new AssertionError("no error from " + query);
    }

    public PgException exception(String query) {
        try {
            rows(query);
        } catch (PgException e) {
            return e;
        }
        throw new AssertionError("no error from " + query);
    }
}
