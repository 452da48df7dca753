package org.tusk.pl.plpgsql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.TypeCache;
import org.tusk.utils.adt.RecordValue;
import org.tusk.utils.error.PgException;

/**
 * One call's state (PLpgSQL_execstate): the value of every datum, the rows a set-returning
 * function has produced so far, ROW_COUNT, and the error being handled (for GET STACKED
 * DIAGNOSTICS and re-RAISE). A record variable's value is a {@link RecordValue} or null.
 */
final class PlFrame {
    final PlTree.Function fn;
    final Object[] values;
    /** The runtime type of each datum's value (a record's is its row's type; scalars keep the declared type). */
    final int[] types;
    final List<Object[]> resultRows = new ArrayList<>();
    long rowCount;
    Object returnValue;
    int returnType;
    /** The error an EXCEPTION handler is running for, innermost last. */
    final java.util.ArrayDeque<PgException> handledErrors = new java.util.ArrayDeque<>();
    /**
     * A trigger call's transition tables by their REFERENCING names (the query environment
     * plpgsql_exec_trigger registers with SPI_register_trigger_data), or null.
     */
    java.util.Map<String, org.tusk.catalog.ScannableRelation> transitionTables;
    /**
     * The SPI mode of the call's statements: false for a VOLATILE function (read_only off: each
     * statement starts with CommandCounterIncrement, so it sees what the calling statement and
     * earlier statements changed). Trigger functions and DO blocks keep read-only mode here.
     */
    boolean readOnly = true;
    /** The label EXIT/CONTINUE named, while it unwinds to its loop or block. */
    String exitLabel;

    PlFrame(PlTree.Function fn) {
        this.fn = fn;
        this.values = new Object[fn.datums().size()];
        this.types = new int[values.length];
        for (PlTree.Datum d : fn.datums()) types[d.dno()] = d.type();
    }

    /** The field names of a record value (its own, or its composite type's). */
    static List<String> fieldNames(RecordValue r) {
        if (r.names() != null) return r.names();
        TypeCache.CompositeType c = TypeCache.lookupComposite(r.typeOid());
        if (c != null) return c.names();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) out.add("f" + (i + 1));
        return out;
    }

    /** The record held by {@code d}, or the "not assigned yet" error. */
    RecordValue record(PlTree.Datum d) {
        Object v = values[d.dno()];
        if (v instanceof RecordValue r) return r;
        // the shape is the declared row type, or the one a trigger call gave NEW and OLD
        int shape = types[d.dno()];
        TypeCache.CompositeType c = TypeCache.lookupComposite(shape);
        if (c != null) {
            // a row-type variable not yet assigned is a row of nulls
            List<Object> nulls = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) nulls.add(null);
            return new RecordValue(shape, c.types(), nulls, c.names());
        }
        throw PgException.error("55000", "record \"" + d.name() + "\" is not assigned yet")
                .withDetail("The tuple structure of a not-yet-assigned record is indeterminate.");
    }

    /** The 0-based index of {@code field} in {@code d}'s record, or the "has no field" error. */
    int fieldIndex(PlTree.Datum d, RecordValue r, String field) {
        int i = fieldNames(r).indexOf(field);
        if (i < 0) throw PgException.error("42703", "record \"" + d.name() + "\" has no field \"" + field + "\"");
        return i;
    }
}
