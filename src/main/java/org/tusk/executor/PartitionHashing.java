package org.tusk.executor;

import org.tusk.catalog.PartitionKey;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.adt.HashFuncs;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * partbounds.c compute_partition_hash_value: a row's hash for hash partitioning, each non-null
 * key column hashed by its type's extended hash function with HASH_PARTITION_SEED and the
 * hashes combined with hash_combine64. A partition WITH (MODULUS m, REMAINDER r) holds the rows
 * whose hash modulo m (unsigned) is r.
 */
final class PartitionHashing {
    private PartitionHashing() {}

    /** HASH_PARTITION_SEED (partition.h). */
    static final long HASH_PARTITION_SEED = 0x7A5B22367996DCFDL;

    static long rowHash(PartitionKey key, Object[] values) {
        long rowHash = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) continue;
            rowHash = HashFuncs.hashCombine64(rowHash, hash(key.typeOid(i), values[i]));
        }
        return rowHash;
    }

    static boolean remainderMatches(PartitionKey key, Object[] values, int modulus, int remainder) {
        return Long.remainderUnsigned(rowHash(key, values), modulus) == remainder;
    }

    private static long hash(int typeOid, Object v) {
        return switch (typeOid) {
            case TypeOids.INT2, TypeOids.INT4 -> HashFuncs.hashInt4Extended(((Number) v).intValue(), HASH_PARTITION_SEED);
            case TypeOids.INT8 -> HashFuncs.hashInt8Extended(((Number) v).longValue(), HASH_PARTITION_SEED);
            case TypeOids.TEXT, TypeOids.VARCHAR -> HashFuncs.hashTextExtended((String) v, HASH_PARTITION_SEED);
            case TypeOids.BPCHAR -> HashFuncs.hashBpcharExtended((String) v, HASH_PARTITION_SEED);
            default -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "hash partitioning on type "
                    + org.tusk.catalog.BuiltinCatalog.formatType(typeOid) + " is not supported yet");
        };
    }
}
