package org.tusk.utils.cache;

import org.tusk.access.common.TupleDesc;
import org.tusk.storage.smgr.RelFileLocator;

/**
 * An open relation (PostgreSQL's RelationData, rel.h): what the relcache knows of one pg_class
 * row, handed to the access methods. One per backend per relation; the relcache replaces it when
 * an invalidation message says the catalog rows behind it changed.
 *
 * <p>{@link #targetBlock} is the backend-local insertion hint (smgr_targblock): the block the last
 * insert went to, tried first by the next one. It is a hint only, never trusted without looking
 * at the page under its lock. {@link #amCache} (rd_amcache) is the index access method's own
 * backend-local cache, for a B-tree its metapage as last read: also a hint, checked on every use,
 * and gone with this entry when an invalidation replaces it.
 *
 * @param oid         pg_class.oid
 * @param namespace   pg_class.relnamespace
 * @param relkind     'r' table, 'i' index, 'S' sequence, 'v' view, 't' toast
 * @param persistence 'p' permanent, 'u' unlogged, 't' temporary
 * @param index       for an index, its pg_index part; null otherwise
 */
public final class Relation {
    private final int oid;
    private final String name;
    private final int namespace;
    private final char relkind;
    private boolean isPartition;
    private final char persistence;
    private final RelFileLocator locator;
    private final TupleDesc desc;
    private final IndexInfo index;
    private final int[] atttypmods;
    private int[] atttypids;
    private int targetBlock = -1;
    private Object amCache;
    private Object statisticsCache;
    /** rd_pgstat_info: this backend's pending statistics counts of the relation; null when not counted. */
    private org.tusk.utils.activity.PgStatTableStatus pgstatInfo;
    /** pg_class.relowner and relacl (null: the default ACL), set by RelationBuildDesc. */
    private int owner;
    private int[] acl;
    /** reloptions fillfactor: percent of a heap page inserts may fill (10..100); 100 when not set. */
    private int fillfactor = HEAP_DEFAULT_FILLFACTOR;
    private boolean fillfactorGiven;
    private boolean indexValid = true, indexReady = true, indexLive = true;
    /** pg_class.relam: an index's access method (BTREE_AM_OID 403 unless the relcache read another). */
    private int relam = BTREE_AM_OID;
    /** BTREE_AM_OID and GIN_AM_OID (pg_am.dat). */
    public static final int BTREE_AM_OID = 403, GIN_AM_OID = 2742;

    /** pg_attribute.attidentity per attribute ('a' ALWAYS, 'd' BY DEFAULT, 0 none); null when none has one. */
    private char[] attidentity;
    /** pg_attribute.attgenerated per attribute ('s' stored, 0 none); null when none is generated. */
    private char[] attgenerated;
    /** pg_attribute.attcollation per attribute; null when the relcache did not build this entry. */
    private int[] attcollations;

    /** HEAP_DEFAULT_FILLFACTOR. */
    public static final int HEAP_DEFAULT_FILLFACTOR = 100;
    private int toastRelid;
    private int toastTupleTarget = TOAST_TUPLE_TARGET;
    /**
     * pg_class.relpages, reltuples, relallvisible and relhassubclass as the catalog row said when
     * this entry was built (rd_rel's copy). VACUUM and ANALYZE change them with a
     * relcache invalidation, so a rebuilt entry carries the new values; the planner's
     * estimate_rel_size reads them here. reltuples -1 means never vacuumed or analyzed.
     */
    private int relpages;
    private float reltuples = -1;
    private int relallvisible;
    private boolean relhassubclass;

    public Relation(int oid, String name, int namespace, char relkind, char persistence, RelFileLocator locator,
                    TupleDesc desc, IndexInfo index) {
        this(oid, name, namespace, relkind, persistence, locator, desc, index, null);
    }

    /** @param atttypmods pg_attribute.atttypmod per attribute (null: all -1) */
    public Relation(int oid, String name, int namespace, char relkind, char persistence, RelFileLocator locator,
                    TupleDesc desc, IndexInfo index, int[] atttypmods) {
        this.atttypmods = atttypmods == null ? null : atttypmods.clone();
        this.oid = oid;
        this.name = name;
        this.namespace = namespace;
        this.relkind = relkind;
        this.persistence = persistence;
        this.locator = locator;
        this.desc = desc;
        this.index = index;
    }

    /** rd_pgstat_info (pgstat_should_count_relation: null means do not count). */
    public org.tusk.utils.activity.PgStatTableStatus pgstatInfo() { return pgstatInfo; }

    public void setPgstatInfo(org.tusk.utils.activity.PgStatTableStatus info) { this.pgstatInfo = info; }

    /**
     * The pg_index part of an index relation.
     *
     * @param heapOid    indrelid
     * @param keyAttnums  indkey: 1-based attribute numbers of the heap columns, in key order; 0 for an expression column
     * @param unique      indisunique
     * @param primary     indisprimary
     * @param expressions indexprs: the SQL text of the expression columns, in key order, as a
     *                    select list ("(lower(b)), (a + 1)"); null if there are none
     * @param predicate   indpred: a partial index's WHERE condition as SQL text; null if none
     * @param indoption   indoption: per key column INDOPTION_DESC (1) and INDOPTION_NULLS_FIRST (2)
     * @param nullsNotDistinct indnullsnotdistinct: a unique index treating nulls as equal
     * @param immediate   indimmediate: a unique index checked at insertion (false for the index
     *                    of a DEFERRABLE constraint, whose uniqueness is rechecked later)
     * @param exclusion   indisexclusion: the index of an EXCLUDE constraint
     * @param indcollation per key column its collation OID (0: none; all 0 when not recorded)
     * @param indclass    per key column its operator class OID (0: the type's default, or not recorded)
     * @param includeAttnums the non-key (INCLUDE) columns' table attnums, which follow the key
     *                    columns in indkey (past indnkeyatts): stored in the index's leaf entries
     *                    and returned by index-only scans, but neither ordered, searched nor checked
     *                    for uniqueness; empty for none
     */
    public record IndexInfo(int heapOid, int[] keyAttnums, boolean unique, boolean primary, String expressions,
                            String predicate, short[] indoption, boolean nullsNotDistinct, boolean immediate,
                            boolean exclusion, int[] indcollation, int[] indclass, int[] includeAttnums) {
        public static final short INDOPTION_DESC = 1;
        public static final short INDOPTION_NULLS_FIRST = 2;

        public IndexInfo {
            keyAttnums = keyAttnums.clone();
            indoption = indoption == null ? new short[keyAttnums.length] : indoption.clone();
            indcollation = indcollation == null ? new int[keyAttnums.length] : indcollation.clone();
            indclass = indclass == null ? new int[keyAttnums.length] : indclass.clone();
            includeAttnums = includeAttnums == null ? new int[0] : includeAttnums.clone();
        }

        public IndexInfo(int heapOid, int[] keyAttnums, boolean unique, boolean primary, String expressions,
                         String predicate, short[] indoption, boolean nullsNotDistinct, boolean immediate,
                         boolean exclusion, int[] indcollation, int[] indclass) {
            this(heapOid, keyAttnums, unique, primary, expressions, predicate, indoption, nullsNotDistinct, immediate,
                    exclusion, indcollation, indclass, null);
        }

        @Override
        public int[] includeAttnums() { return includeAttnums.clone(); }

        /** indnatts: the key columns and the INCLUDE columns. */
        public int natts() { return keyAttnums.length + includeAttnums.length; }

        /** indkey: the table attnum of index column {@code i} (0-based), key or INCLUDE column. */
        public int attnum(int i) {
            return i < keyAttnums.length ? keyAttnums[i] : includeAttnums[i - keyAttnums.length];
        }

        public IndexInfo(int heapOid, int[] keyAttnums, boolean unique, boolean primary, String expressions,
                         String predicate, short[] indoption, boolean nullsNotDistinct, boolean immediate) {
            this(heapOid, keyAttnums, unique, primary, expressions, predicate, indoption, nullsNotDistinct, immediate,
                    false, null, null);
        }

        @Override
        public int[] indcollation() { return indcollation.clone(); }

        @Override
        public int[] indclass() { return indclass.clone(); }

        public IndexInfo(int heapOid, int[] keyAttnums, boolean unique, boolean primary, String expressions,
                         String predicate) {
            this(heapOid, keyAttnums, unique, primary, expressions, predicate, null, false, true);
        }

        public IndexInfo(int heapOid, int[] keyAttnums, boolean unique, boolean primary, String expressions,
                         String predicate, short[] indoption, boolean nullsNotDistinct) {
            this(heapOid, keyAttnums, unique, primary, expressions, predicate, indoption, nullsNotDistinct, true);
        }

        @Override
        public short[] indoption() {
            return indoption.clone();
        }

        /** indoption of key column {@code i} (0-based); 0 past the key columns. */
        public int option(int i) {
            return i < indoption.length ? indoption[i] : 0;
        }

        public IndexInfo(int heapOid, int[] keyAttnums, boolean unique, boolean primary) {
            this(heapOid, keyAttnums, unique, primary, null, null);
        }

        /** Whether some key column is an expression (keyAttnum 0; pg_index.indexprs not null). */
        public boolean hasExpressions() {
            return expressions != null;
        }

        /**
         * The text of each expression column, in key order, as a key is shown in messages
         * (pg_get_indexdef_columns): the items of {@link #expressions}, each without the
         * parentheses the list puts around it.
         */
        public java.util.List<String> expressionTexts() {
            java.util.List<String> out = new java.util.ArrayList<>();
            if (expressions == null) return out;
            int depth = 0, start = 0;
            char quote = 0;
            for (int i = 0; i <= expressions.length(); i++) {
                char c = i < expressions.length() ? expressions.charAt(i) : ',';
                if (quote != 0) {
                    if (c == quote) quote = 0;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    String item = expressions.substring(start, i).strip();
                    if (item.startsWith("(") && item.endsWith(")")) item = item.substring(1, item.length() - 1);
                    out.add(item);
                    start = i + 1;
                }
            }
            return out;
        }

        @Override
        public int[] keyAttnums() {
            return keyAttnums.clone();
        }

        public int keyCount() {
            return keyAttnums.length;
        }

        public int keyAttnum(int i) {
            return keyAttnums[i];
        }
    }

    public int oid() { return oid; }

    /** pg_class.relpages at the last VACUUM / ANALYZE (0 if none). */
    public int relpages() { return relpages; }
    /** pg_class.reltuples at the last VACUUM / ANALYZE; -1 if never counted. */
    public float reltuples() { return reltuples; }
    /** pg_class.relallvisible at the last VACUUM / ANALYZE. */
    public int relallvisible() { return relallvisible; }
    /** pg_class.relhassubclass: the table has (or had) inheritance children. */
    public boolean relhassubclass() { return relhassubclass; }

    /** pg_class.relrowsecurity and relforcerowsecurity (ALTER TABLE ... ROW LEVEL SECURITY). */
    private boolean rowSecurity, forceRowSecurity;

    /** relrowsecurity: row-level security is enabled on the table. */
    public boolean rowSecurity() { return rowSecurity; }
    /** relforcerowsecurity: the policies apply to the table's owner too. */
    public boolean forceRowSecurity() { return forceRowSecurity; }

    /** pg_class.relispopulated: false for a materialized view made or refreshed WITH NO DATA. */
    private boolean populated = true;

    /** RelationIsPopulated: whether a scan may read the relation (only a materialized view can be unpopulated). */
    public boolean isPopulated() { return populated; }

    /** Set by RelationBuildDesc from the pg_class row. */
    public void setPopulated(boolean populated) { this.populated = populated; }

    /** Set by RelationBuildDesc from the pg_class row. */
    public void setRowSecurity(boolean enabled, boolean forced) {
        this.rowSecurity = enabled;
        this.forceRowSecurity = forced;
    }

    /** Set by RelationBuildDesc from the pg_class row. */
    public void setClassStats(int relpages, float reltuples, int relallvisible, boolean relhassubclass) {
        this.relpages = relpages;
        this.reltuples = reltuples;
        this.relallvisible = relallvisible;
        this.relhassubclass = relhassubclass;
    }
    /** relowner (0 for a relation not built from pg_class). */
    public int owner() { return owner; }
    /** relacl as (grantee, grantor, privs) triples, or null for the owner's default ACL. */
    public int[] acl() { return acl == null ? null : acl.clone(); }

    /** Sets relowner and relacl (RelCache, while building the entry). */
    void setAcl(int owner, int[] acl) {
        this.owner = owner;
        this.acl = acl == null ? null : acl.clone();
    }
    public String name() { return name; }
    public int namespace() { return namespace; }
    public char relkind() { return relkind; }
    public char persistence() { return persistence; }
    /** The relation's file; null for a relation without storage (a view). */
    public RelFileLocator locator() { return locator; }
    /** The row type: the heap's columns, or for an index its key columns. */
    public TupleDesc desc() { return desc; }
    public IndexInfo index() { return index; }
    /** pg_attribute.atttypmod of attribute {@code attnum} (1-based): -1, or the declared modifier (varchar(n): n+4). */
    /**
     * pg_attribute.atttypid of attribute {@code attnum} (1-based): the column's declared type,
     * which for an enum column is the enum type while the tuple descriptor has the storage class
     * anyenum.
     */
    public int atttypid(int attnum) {
        return atttypids == null ? desc.attr(attnum - 1).type().oid() : atttypids[attnum - 1];
    }

    /** Set by RelationBuildDesc. */
    public void setAtttypids(int[] typids) {
        this.atttypids = typids.clone();
    }

    public int atttypmod(int attnum) { return atttypmods == null ? -1 : atttypmods[attnum - 1]; }
    /** pg_attribute.attidentity of attribute {@code attnum} (1-based): 'a', 'd', or 0 for an ordinary column. */
    public char attidentity(int attnum) {
        return attidentity == null || attnum < 1 || attnum > attidentity.length ? 0 : attidentity[attnum - 1];
    }

    /**
     * pg_attribute.attcollation of attribute {@code attnum} (1-based): 0 for a non-collatable
     * column. A relation not built by the relcache reports its column type's collation.
     */
    public int attcollation(int attnum) {
        if (attcollations != null && attnum >= 1 && attnum <= attcollations.length) return attcollations[attnum - 1];
        return org.tusk.catalog.Collations.typeCollation(atttypid(attnum));
    }

    /** Set by the relcache when it builds the entry. */
    void setAttcollations(int[] collations) { this.attcollations = collations == null ? null : collations.clone(); }

    /** Set by the relcache when it builds the entry. */
    void setAttidentity(char[] identity) { this.attidentity = identity == null ? null : identity.clone(); }

    /**
     * pg_attribute.attgenerated of attribute {@code attnum} (1-based): 's' for a stored generated
     * column, 0 for an ordinary one.
     */
    public char attgenerated(int attnum) {
        return attgenerated == null || attnum < 1 || attnum > attgenerated.length ? 0 : attgenerated[attnum - 1];
    }

    /** Whether any column is a stored generated column (TupleDesc's has_generated_stored). */
    public boolean hasGeneratedStored() { return attgenerated != null; }

    /** Set by the relcache when it builds the entry. */
    void setAttgenerated(char[] generated) { this.attgenerated = generated == null ? null : generated.clone(); }
    /** Changes to this relation are WAL-logged (RelationNeedsWAL): permanent relations only. */
    public boolean needsWal() { return persistence == 'p'; }
    public int targetBlock() { return targetBlock; }

    /** rd_amcache: what the index access method cached for this relation, or null. */
    public Object amCache() { return amCache; }

    /** pg_class.relam. */
    public int relam() { return relam; }

    public void setRelam(int relam) { this.relam = relam; }

    /** rd_exclops: an EXCLUDE constraint's operators (pg_constraint.conexclop), once read; null before. */
    private int[] exclusionOperators;

    public int[] exclusionOperators() { return exclusionOperators == null ? null : exclusionOperators.clone(); }

    public void setExclusionOperators(int[] ops) { this.exclusionOperators = ops.clone(); }

    /** rd_exclstrats: the strategy numbers of those operators in their columns' operator families. */
    private int[] exclusionStrategies;

    public int[] exclusionStrategies() { return exclusionStrategies == null ? null : exclusionStrategies.clone(); }

    public void setExclusionStrategies(int[] strategies) { this.exclusionStrategies = strategies.clone(); }

    /**
     * amcanorder: whether this index returns its entries in the order of its key columns, which
     * only a B-tree does.
     */
    public boolean indexIsOrdered() { return relam == BTREE_AM_OID; }

    public void setAmCache(Object cache) { this.amCache = cache; }

    /**
     * The planner's backend-local copy of this relation's pg_statistic rows, as it read them
     * (PostgreSQL keeps them in the STATRELATTINH syscache), or null; only on entries the relcache
     * built ({@link #fromRelcache}). It goes with this entry when an invalidation replaces it:
     * ANALYZE's update of the pg_class row, and every change of the relation's pg_statistic rows,
     * send one.
     */
    public Object statisticsCache() { return statisticsCache; }

    public void setStatisticsCache(Object cache) { this.statisticsCache = cache; }

    /** Whether the relcache built this entry (and an invalidation will replace it). */
    public boolean fromRelcache() { return attcollations != null; }
    /** The fillfactor storage parameter (RelationGetFillFactor). */
    public int fillfactor() { return fillfactor; }
    /**
     * RelationGetTargetPageFreeSpace: bytes an insert leaves free on a page it did not just add,
     * so that later updates of the page's rows can stay on it (HOT).
     */
    public int targetPageFreeSpace() { return 8192 * (100 - fillfactor) / 100; }
    /** Set by the relcache from pg_class.reloptions when it builds the entry. */
    public void setFillfactor(int fillfactor) {
        this.fillfactor = fillfactor;
        this.fillfactorGiven = true;
    }

    /**
     * Whether reloptions set fillfactor: an index's access method then uses it instead of its
     * own default (BTGetFillFactor's BTREE_DEFAULT_FILLFACTOR).
     */
    public boolean fillfactorGiven() { return fillfactorGiven; }

    /**
     * pg_index.indisvalid of an index: false while CREATE INDEX CONCURRENTLY has not finished (or
     * after it failed, or once DROP INDEX CONCURRENTLY began); the planner must not use it.
     */
    public boolean indexIsValid() { return indexValid; }

    /**
     * pg_index.indisready of an index: whether inserts must maintain it (false in CREATE INDEX
     * CONCURRENTLY's first phase, and after DROP INDEX CONCURRENTLY's second).
     */
    public boolean indexIsReady() { return indexReady; }

    /** pg_index.indislive: false only when DROP INDEX CONCURRENTLY is about to remove the index. */
    public boolean indexIsLive() { return indexLive; }

    public void setIndexState(boolean valid, boolean ready, boolean live) {
        this.indexValid = valid;
        this.indexReady = ready;
        this.indexLive = live;
    }

    /** pg_class.reltoastrelid: the OID of the table's TOAST relation, 0 if it has none. */
    public int toastRelid() { return toastRelid; }
    /** Set by the relcache from pg_class.reltoastrelid when it builds the entry. */
    public void setToastRelid(int toastRelid) { this.toastRelid = toastRelid; }
    /**
     * RelationGetToastTupleTarget: the toast_tuple_target storage parameter, or TOAST_TUPLE_TARGET
     * (2032 with 8 kB pages) when not set.
     */
    public int toastTupleTarget() { return toastTupleTarget; }
    /** Set by the relcache from pg_class.reloptions when it builds the entry. */
    public void setToastTupleTarget(int target) { this.toastTupleTarget = target; }
    /** TOAST_TUPLE_TARGET: MaximumBytesPerTuple(4) with 8 kB pages. */
    public static final int TOAST_TUPLE_TARGET = 2032;

    /** pg_class.relispartition: whether this relation is a partition of a partitioned table. */
    public boolean isPartition() { return isPartition; }
    /** Set by the relcache from pg_class.relispartition when it builds the entry. */
    public void setPartition(boolean isPartition) { this.isPartition = isPartition; }
    public void setTargetBlock(int block) { this.targetBlock = block; }

    @Override
    public String toString() {
        return name + "(" + oid + ")";
    }
}
