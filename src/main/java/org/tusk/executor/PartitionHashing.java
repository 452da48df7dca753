package org.tusk.executor;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.OpclassDdl;
import org.tusk.catalog.PartitionKey;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.adt.HashFuncs;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * partbounds.c compute_partition_hash_value: a row's hash for hash partitioning, each non-null
 * key column hashed with HASH_PARTITION_SEED by its operator class's extended hash function
 * (support function 2, HASHEXTENDED_PROC) and the hashes combined with hash_combine64. A
 * partition WITH (MODULUS m, REMAINDER r) holds the rows whose hash modulo m (unsigned) is r.
 *
 * <p>The built-in classes (partclass 0) hash with the type's built-in function
 * ({@link HashFuncs}, byte-compatible with PostgreSQL's, so rows land in the partitions they do
 * there). A user-defined class's support function is looked up in pg_amproc and called through
 * fmgr like any function; that needs the caller's {@link FunctionCallContext}.
 */
final class PartitionHashing {
    private PartitionHashing() {}

    /** HASH_PARTITION_SEED (partition.h). */
    static final long HASH_PARTITION_SEED = 0x7A5B22367996DCFDL;

    static long rowHash(PartitionKey key, Object[] values, FunctionCallContext ctx) {
        long rowHash = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) continue;
            long h = key.opclass(i) == 0 ? builtinHash(key.typeOid(i), values[i]) : supportHash(key.opclass(i), values[i], ctx);
            rowHash = HashFuncs.hashCombine64(rowHash, h);
        }
        return rowHash;
    }

    static boolean remainderMatches(PartitionKey key, Object[] values, int modulus, int remainder, FunctionCallContext ctx) {
        return Long.remainderUnsigned(rowHash(key, values, ctx), modulus) == remainder;
    }

    /** FunctionCall2Coll(&key->partsupfunc[i], value, HASH_PARTITION_SEED) for a user-defined class. */
    private static long supportHash(int opclass, Object v, FunctionCallContext ctx) {
        OpclassDdl opclasses = ctx == null || ctx.catalog() == null ? null : ctx.catalog().userOpclasses();
        int fn = opclasses == null ? 0 : opclasses.userSupportProc(opclass, 2);
        if (fn == 0 || ctx == null)
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not find hash support function of operator class " + opclass);
        PgProc proc = BuiltinCatalog.functionByOid(fn);
        if (proc == null) proc = ctx.catalog().functions().byOid(fn).asProc();
        Object h = proc.impl().invoke(ctx, new Object[] {v, HASH_PARTITION_SEED});
        if (h == null) throw PgException.error(SqlState.INTERNAL_ERROR, "function " + fn + " returned NULL");
        return ((Number) h).longValue();
    }

    private static long builtinHash(int typeOid, Object v) {
        return switch (typeOid) {
            case TypeOids.INT2, TypeOids.INT4 -> HashFuncs.hashInt4Extended(((Number) v).intValue(), HASH_PARTITION_SEED);
            case TypeOids.INT8 -> HashFuncs.hashInt8Extended(((Number) v).longValue(), HASH_PARTITION_SEED);
            case TypeOids.TEXT, TypeOids.VARCHAR -> HashFuncs.hashTextExtended((String) v, HASH_PARTITION_SEED);
            case TypeOids.BPCHAR -> HashFuncs.hashBpcharExtended((String) v, HASH_PARTITION_SEED);
            default -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "hash partitioning on type "
                    + BuiltinCatalog.formatType(typeOid) + " is not supported yet");
        };
    }
}
