package org.tusk.catalog;

/**
 * One pg_constraint row as the rest of a backend uses it (PostgreSQL keeps the same facts in
 * the relcache's rd_att->constr->check and in RI_ConstraintInfo).
 *
 * @param contype      'p' primary key, 'u' unique, 'c' check, 'f' foreign key
 * @param relid        conrelid: the constrained (for 'f': referencing) table
 * @param conkey       the constrained columns' attnums (for 'c': the columns the expression uses)
 * @param indid        conindid: the index of 'p'/'u', the referenced unique index of 'f', else 0
 * @param confrelid    the referenced table of 'f', else 0
 * @param confkey      the referenced columns of 'f', else null
 * @param updType      confupdtype: 'a' NO ACTION, 'r' RESTRICT, 'c' CASCADE, 'n' SET NULL, 'd' SET DEFAULT
 * @param delType      confdeltype, likewise
 * @param matchType    confmatchtype: 's' SIMPLE, 'f' FULL
 * @param bin          conbin of 'c': the expression's SQL text (Tusk's convention, as for adbin)
 * @param validated    convalidated: false for NOT VALID until VALIDATE CONSTRAINT
 * @param isLocal      conislocal: defined on the relation itself (not only inherited)
 * @param inhcount     coninhcount: the number of direct parents it is inherited from
 */
public record ConstraintInfo(int oid, String name, int namespace, char contype, int relid, short[] conkey, int indid,
                             int confrelid, short[] confkey, char updType, char delType, char matchType,
                             boolean deferrable, boolean deferred, boolean validated, boolean noInherit, String bin,
                             boolean isLocal, int inhcount) {
    /** A constraint defined locally and inherited from nowhere. */
    public ConstraintInfo(int oid, String name, int namespace, char contype, int relid, short[] conkey, int indid,
                          int confrelid, short[] confkey, char updType, char delType, char matchType,
                          boolean deferrable, boolean deferred, boolean validated, boolean noInherit, String bin) {
        this(oid, name, namespace, contype, relid, conkey, indid, confrelid, confkey, updType, delType, matchType, deferrable,
                deferred, validated, noInherit, bin, true, 0);
    }

    public ConstraintInfo {
        conkey = conkey == null ? null : conkey.clone();
        confkey = confkey == null ? null : confkey.clone();
    }

    @Override
    public short[] conkey() { return conkey == null ? null : conkey.clone(); }

    @Override
    public short[] confkey() { return confkey == null ? null : confkey.clone(); }

    /** The number of key columns of a foreign key (or of an index constraint). */
    public int keyCount() { return conkey == null ? 0 : conkey.length; }

    /** conkey[i] (1-based attnum). */
    public int key(int i) { return conkey[i]; }

    /** confkey[i] (1-based attnum). */
    public int fkey(int i) { return confkey[i]; }

    /** A new constraint's description before it has an OID and namespace (for addConstraint). */
    public static ConstraintInfo check(String name, int relid, short[] conkey, String sql, boolean validated,
                                       boolean noInherit) {
        return new ConstraintInfo(0, name, 0, 'c', relid, conkey, 0, 0, null, ' ', ' ', ' ', false, false, validated,
                noInherit, sql);
    }

    /** A new foreign key before it has an OID and namespace. */
    public static ConstraintInfo foreignKey(String name, int relid, short[] conkey, int indid, int confrelid,
                                            short[] confkey, char updType, char delType, char matchType,
                                            boolean deferrable, boolean deferred, boolean validated) {
        return new ConstraintInfo(0, name, 0, 'f', relid, conkey, indid, confrelid, confkey, updType, delType, matchType,
                deferrable, deferred, validated, true, null);
    }

    ConstraintInfo withIds(int newOid, int newNamespace) {
        return new ConstraintInfo(newOid, name, newNamespace, contype, relid, conkey, indid, confrelid, confkey, updType,
                delType, matchType, deferrable, deferred, validated, noInherit, bin, isLocal, inhcount);
    }

    /** The same constraint with conislocal and coninhcount as given (an inherited copy, or a merged one). */
    public ConstraintInfo withInheritance(boolean local, int count) {
        return new ConstraintInfo(oid, name, namespace, contype, relid, conkey, indid, confrelid, confkey, updType,
                delType, matchType, deferrable, deferred, validated, noInherit, bin, local, count);
    }

    /** Reads a pg_constraint row. */
    static ConstraintInfo fromRow(Object[] v) {
        SystemCatalog c = SystemCatalogs.PG_CONSTRAINT;
        return new ConstraintInfo(CatalogScan.oid(c.get(v, "oid")), (String) c.get(v, "conname"),
                CatalogScan.oid(c.get(v, "connamespace")), ((String) c.get(v, "contype")).charAt(0),
                CatalogScan.oid(c.get(v, "conrelid")), (short[]) c.get(v, "conkey"), CatalogScan.oid(c.get(v, "conindid")),
                CatalogScan.oid(c.get(v, "confrelid")), (short[]) c.get(v, "confkey"),
                ((String) c.get(v, "confupdtype")).charAt(0), ((String) c.get(v, "confdeltype")).charAt(0),
                ((String) c.get(v, "confmatchtype")).charAt(0), (Boolean) c.get(v, "condeferrable"),
                (Boolean) c.get(v, "condeferred"), (Boolean) c.get(v, "convalidated"), (Boolean) c.get(v, "connoinherit"),
                (String) c.get(v, "conbin"), (Boolean) c.get(v, "conislocal"), ((Number) c.get(v, "coninhcount")).intValue());
    }
}
