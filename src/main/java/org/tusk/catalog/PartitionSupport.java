package org.tusk.catalog;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The partsupfunc of a list or range partition key whose operator class is user-defined
 * (partcache.c RelationBuildPartitionKey): per key column, the OID of the class's btree
 * comparison function (support function 1, BTORDER_PROC), which compares the bounds and the
 * rows' key values (partition_rbound_cmp, partition_list_bsearch ...) through fmgr
 * (FunctionCall2Coll); 0 for a column whose class is built in, compared by its type's built-in
 * comparison ({@link org.tusk.utils.adt.Comparisons}).
 *
 * @param procs  per key column, the comparison function's OID or 0
 * @param caller how the session calls a function by OID (fmgr), so that a SQL or PL/pgSQL
 *               support function runs as any call of it does
 */
public record PartitionSupport(int[] procs, FunctionCaller caller) {
    public PartitionSupport {
        procs = procs.clone();
    }

    /** Calls function {@code procOid} with {@code args} in the session (OidFunctionCallN). */
    @FunctionalInterface
    public interface FunctionCaller {
        Object call(int procOid, Object[] args);
    }

    /** Whether key column {@code i} compares through a support function. */
    public boolean calls(int i) {
        return i < procs.length && procs[i] != 0;
    }

    /** Whether any key column does. */
    public boolean callsAny() {
        for (int p : procs) if (p != 0) return true;
        return false;
    }

    /** FunctionCall2Coll(&partsupfunc[i], a, b): negative, zero or positive as a sorts before, with or after b. */
    public int compare(int i, Object a, Object b) {
        if (caller == null)
            throw PgException.error(SqlState.INTERNAL_ERROR, "partition support function " + Integer.toUnsignedString(procs[i])
                    + " cannot be called in this process");
        Object r = caller.call(procs[i], new Object[] {a, b});
        // fmgr: a support function must not return NULL
        if (r == null) throw PgException.error(SqlState.INTERNAL_ERROR, "function " + Integer.toUnsignedString(procs[i]) + " returned NULL");
        return ((Number) r).intValue();
    }
}
