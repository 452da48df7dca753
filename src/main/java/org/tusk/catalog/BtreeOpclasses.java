package org.tusk.catalog;

import java.util.Map;

/**
 * The default B-tree operator class of each storable type (pg_opclass.dat, opcdefault for
 * btree), which index_create records in pg_index.indclass (GetDefaultOpClass). Only some of
 * PostgreSQL's opclasses have fixed OIDs (int4_ops 1978, text_ops 3126, ...); genbki assigns the
 * others during initdb, and Tusk has no pg_opclass table to assign them in, so for those types
 * indclass holds 0 (InvalidOid) while the type still counts as indexable. varchar has no opclass
 * of its own: it is binary-coercible to text and uses text_ops, as in PostgreSQL.
 */
public final class BtreeOpclasses {
    private BtreeOpclasses() {}

    /** Marks a type whose default opclass exists but has no fixed OID. */
    private static final int UNFIXED = 0;

    private static final Map<Integer, Integer> DEFAULTS = Map.ofEntries(
            Map.entry(16, UNFIXED),     // bool_ops
            Map.entry(1042, UNFIXED),   // bpchar_ops
            Map.entry(17, UNFIXED),     // bytea_ops
            Map.entry(18, UNFIXED),     // char_ops
            Map.entry(1082, 3122),      // date_ops (DATE_BTREE_OPS_OID)
            Map.entry(700, UNFIXED),    // float4_ops
            Map.entry(701, 3123),       // float8_ops (FLOAT8_BTREE_OPS_OID)
            Map.entry(21, 1979),        // int2_ops (INT2_BTREE_OPS_OID)
            Map.entry(23, 1978),        // int4_ops (INT4_BTREE_OPS_OID)
            Map.entry(20, 3124),        // int8_ops (INT8_BTREE_OPS_OID)
            Map.entry(1186, UNFIXED),   // interval_ops
            Map.entry(869, UNFIXED),    // inet_ops
            Map.entry(19, UNFIXED),     // name_ops
            Map.entry(1700, 3125),      // numeric_ops (NUMERIC_BTREE_OPS_OID)
            Map.entry(26, 1981),        // oid_ops (OID_BTREE_OPS_OID)
            Map.entry(30, UNFIXED),     // oidvector_ops
            Map.entry(25, 3126),        // text_ops (TEXT_BTREE_OPS_OID)
            Map.entry(1043, 3126),      // text_ops, for varchar
            Map.entry(1083, UNFIXED),   // time_ops
            Map.entry(1184, 3127),      // timestamptz_ops (TIMESTAMPTZ_BTREE_OPS_OID)
            Map.entry(1114, 3128),      // timestamp_ops (TIMESTAMP_BTREE_OPS_OID)
            Map.entry(2950, UNFIXED),   // uuid_ops
            Map.entry(3802, UNFIXED),   // jsonb_ops
            Map.entry(3220, UNFIXED));  // pg_lsn_ops

    /** Whether the type has a default B-tree operator class. */
    public static boolean hasDefault(int typeOid) {
        // array_ops (on anyarray) serves every array type
        return DEFAULTS.containsKey(typeOid) || ArrayTypes.isArray(typeOid) && typeOid != 22 && typeOid != 30;
    }

    /** The default opclass's OID for pg_index.indclass: its fixed OID, or 0 if PostgreSQL assigns it at initdb. */
    public static int defaultFor(int typeOid) {
        return DEFAULTS.getOrDefault(typeOid, 0);
    }
}
