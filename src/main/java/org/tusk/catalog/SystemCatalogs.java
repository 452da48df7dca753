package org.tusk.catalog;

import java.util.List;

import static org.tusk.access.common.DatumType.*;
import static org.tusk.catalog.CatalogColumn.nn;
import static org.tusk.catalog.CatalogColumn.nullable;

/**
 * The system catalogs stored as heap tables, with PostgreSQL 15's columns in PostgreSQL's order
 * (catalog/pg_namespace.h, pg_class.h, pg_attribute.h, pg_type.h, pg_index.h, pg_attrdef.h,
 * pg_constraint.h, pg_am.h) and OIDs. Row type OIDs are PostgreSQL's for the bootstrap catalogs
 * (pg_type 71/_pg_type 210, pg_attribute 75/270, pg_class 83/273); PostgreSQL assigns the others
 * during bootstrap from the counter starting at FirstBootstrapObjectId (12000), and so does Tusk
 * (row type, then array type, per catalog), so their values differ from a given PostgreSQL
 * installation's.
 */
public final class SystemCatalogs {
    private SystemCatalogs() {}

    /** PG_CATALOG_NAMESPACE. */
    public static final int PG_CATALOG_NAMESPACE = 11;
    /** PG_PUBLIC_NAMESPACE. */
    public static final int PG_PUBLIC_NAMESPACE = 2200;
    /** FirstBootstrapObjectId: OIDs assigned during bootstrap start here. */
    public static final int FIRST_BOOTSTRAP_OBJECT_ID = 12000;
    /** HEAP_TABLE_AM_OID, BTREE_AM_OID and HASH_AM_OID (pg_am.dat). */
    public static final int HEAP_TABLE_AM_OID = 2, BTREE_AM_OID = 403, HASH_AM_OID = 405;
    /** GIST_AM_OID (pg_am.dat). */
    public static final int GIST_AM_OID = 783;
    /** DEFAULT_COLLATION_OID: the collation of text-like columns. */
    public static final int DEFAULT_COLLATION_OID = 100;
    /** C_COLLATION_OID: the collation of name columns. */
    public static final int C_COLLATION_OID = 950;

    public static final SystemCatalog PG_TYPE = new SystemCatalog(1247, "pg_type", 71, 210, List.of(
            nn("oid", OID), nn("typname", NAME), nn("typnamespace", OID), nn("typowner", OID), nn("typlen", INT2),
            nn("typbyval", BOOL), nn("typtype", CHAR), nn("typcategory", CHAR), nn("typispreferred", BOOL),
            nn("typisdefined", BOOL), nn("typdelim", CHAR), nn("typrelid", OID), nn("typsubscript", REGPROC),
            nn("typelem", OID), nn("typarray", OID), nn("typinput", REGPROC), nn("typoutput", REGPROC),
            nn("typreceive", REGPROC), nn("typsend", REGPROC), nn("typmodin", REGPROC), nn("typmodout", REGPROC),
            nn("typanalyze", REGPROC), nn("typalign", CHAR), nn("typstorage", CHAR), nn("typnotnull", BOOL),
            nn("typbasetype", OID), nn("typtypmod", INT4), nn("typndims", INT4), nn("typcollation", OID),
            nullable("typdefaultbin", PG_NODE_TREE), nullable("typdefault", TEXT), nullable("typacl", ACLITEM_ARRAY)));

    public static final SystemCatalog PG_ATTRIBUTE = new SystemCatalog(1249, "pg_attribute", 75, 270, List.of(
            nn("attrelid", OID), nn("attname", NAME), nn("atttypid", OID), nn("attstattarget", INT4), nn("attlen", INT2),
            nn("attnum", INT2), nn("attndims", INT4), nn("attcacheoff", INT4), nn("atttypmod", INT4), nn("attbyval", BOOL),
            nn("attalign", CHAR), nn("attstorage", CHAR), nn("attcompression", CHAR), nn("attnotnull", BOOL),
            nn("atthasdef", BOOL), nn("atthasmissing", BOOL), nn("attidentity", CHAR), nn("attgenerated", CHAR),
            nn("attisdropped", BOOL), nn("attislocal", BOOL), nn("attinhcount", INT4), nn("attcollation", OID),
            nullable("attacl", ACLITEM_ARRAY), nullable("attoptions", TEXT_ARRAY), nullable("attfdwoptions", TEXT_ARRAY),
            nullable("attmissingval", ANYARRAY)));

    public static final SystemCatalog PG_CLASS = new SystemCatalog(1259, "pg_class", 83, 273, List.of(
            nn("oid", OID), nn("relname", NAME), nn("relnamespace", OID), nn("reltype", OID), nn("reloftype", OID),
            nn("relowner", OID), nn("relam", OID), nn("relfilenode", OID), nn("reltablespace", OID), nn("relpages", INT4),
            nn("reltuples", FLOAT4), nn("relallvisible", INT4), nn("reltoastrelid", OID), nn("relhasindex", BOOL),
            nn("relisshared", BOOL), nn("relpersistence", CHAR), nn("relkind", CHAR), nn("relnatts", INT2),
            nn("relchecks", INT2), nn("relhasrules", BOOL), nn("relhastriggers", BOOL), nn("relhassubclass", BOOL),
            nn("relrowsecurity", BOOL), nn("relforcerowsecurity", BOOL), nn("relispopulated", BOOL),
            nn("relreplident", CHAR), nn("relispartition", BOOL), nn("relrewrite", OID), nn("relfrozenxid", XID),
            nn("relminmxid", XID), nullable("relacl", ACLITEM_ARRAY), nullable("reloptions", TEXT_ARRAY),
            nullable("relpartbound", PG_NODE_TREE)));

    public static final SystemCatalog PG_NAMESPACE = new SystemCatalog(2615, "pg_namespace", FIRST_BOOTSTRAP_OBJECT_ID, FIRST_BOOTSTRAP_OBJECT_ID + 1,
            List.of(nn("oid", OID), nn("nspname", NAME), nn("nspowner", OID), nullable("nspacl", ACLITEM_ARRAY)));

    public static final SystemCatalog PG_INDEX = new SystemCatalog(2610, "pg_index", FIRST_BOOTSTRAP_OBJECT_ID + 2, FIRST_BOOTSTRAP_OBJECT_ID + 3, List.of(
            nn("indexrelid", OID), nn("indrelid", OID), nn("indnatts", INT2), nn("indnkeyatts", INT2),
            nn("indisunique", BOOL), nn("indnullsnotdistinct", BOOL), nn("indisprimary", BOOL),
            nn("indisexclusion", BOOL), nn("indimmediate", BOOL), nn("indisclustered", BOOL), nn("indisvalid", BOOL),
            nn("indcheckxmin", BOOL), nn("indisready", BOOL), nn("indislive", BOOL), nn("indisreplident", BOOL),
            nn("indkey", INT2VECTOR), nn("indcollation", OIDVECTOR), nn("indclass", OIDVECTOR),
            nn("indoption", INT2VECTOR), nullable("indexprs", PG_NODE_TREE), nullable("indpred", PG_NODE_TREE)));

    public static final SystemCatalog PG_ATTRDEF = new SystemCatalog(2604, "pg_attrdef", FIRST_BOOTSTRAP_OBJECT_ID + 4, FIRST_BOOTSTRAP_OBJECT_ID + 5,
            List.of(nn("oid", OID), nn("adrelid", OID), nn("adnum", INT2), nn("adbin", PG_NODE_TREE)));

    public static final SystemCatalog PG_CONSTRAINT = new SystemCatalog(2606, "pg_constraint", FIRST_BOOTSTRAP_OBJECT_ID + 6, FIRST_BOOTSTRAP_OBJECT_ID + 7,
            List.of(nn("oid", OID), nn("conname", NAME), nn("connamespace", OID), nn("contype", CHAR),
                    nn("condeferrable", BOOL), nn("condeferred", BOOL), nn("convalidated", BOOL), nn("conrelid", OID),
                    nn("contypid", OID), nn("conindid", OID), nn("conparentid", OID), nn("confrelid", OID),
                    nn("confupdtype", CHAR), nn("confdeltype", CHAR), nn("confmatchtype", CHAR), nn("conislocal", BOOL),
                    nn("coninhcount", INT4), nn("connoinherit", BOOL), nullable("conkey", INT2_ARRAY),
                    nullable("confkey", INT2_ARRAY), nullable("conpfeqop", OID_ARRAY), nullable("conppeqop", OID_ARRAY),
                    nullable("conffeqop", OID_ARRAY), nullable("confdelsetcols", INT2_ARRAY),
                    nullable("conexclop", OID_ARRAY), nullable("conbin", PG_NODE_TREE)));

    public static final SystemCatalog PG_AM = new SystemCatalog(2601, "pg_am", FIRST_BOOTSTRAP_OBJECT_ID + 8, FIRST_BOOTSTRAP_OBJECT_ID + 9,
            List.of(nn("oid", OID), nn("amname", NAME), nn("amhandler", REGPROC), nn("amtype", CHAR)));

    public static final SystemCatalog PG_SEQUENCE = new SystemCatalog(2224, "pg_sequence", FIRST_BOOTSTRAP_OBJECT_ID + 10, FIRST_BOOTSTRAP_OBJECT_ID + 11,
            List.of(nn("seqrelid", OID), nn("seqtypid", OID), nn("seqstart", INT8), nn("seqincrement", INT8),
                    nn("seqmax", INT8), nn("seqmin", INT8), nn("seqcache", INT8), nn("seqcycle", BOOL)));

    /** pg_statistic: per-column statistics that ANALYZE gathers. */
    public static final SystemCatalog PG_STATISTIC = new SystemCatalog(2619, "pg_statistic", FIRST_BOOTSTRAP_OBJECT_ID + 12, FIRST_BOOTSTRAP_OBJECT_ID + 13,
            List.of(nn("starelid", OID), nn("staattnum", INT2), nn("stainherit", BOOL), nn("stanullfrac", FLOAT4),
                    nn("stawidth", INT4), nn("stadistinct", FLOAT4), nn("stakind1", INT2), nn("stakind2", INT2),
                    nn("stakind3", INT2), nn("stakind4", INT2), nn("stakind5", INT2), nn("staop1", OID),
                    nn("staop2", OID), nn("staop3", OID), nn("staop4", OID), nn("staop5", OID), nn("stacoll1", OID),
                    nn("stacoll2", OID), nn("stacoll3", OID), nn("stacoll4", OID), nn("stacoll5", OID),
                    nullable("stanumbers1", FLOAT4_ARRAY), nullable("stanumbers2", FLOAT4_ARRAY),
                    nullable("stanumbers3", FLOAT4_ARRAY), nullable("stanumbers4", FLOAT4_ARRAY),
                    nullable("stanumbers5", FLOAT4_ARRAY), nullable("stavalues1", ANYARRAY),
                    nullable("stavalues2", ANYARRAY), nullable("stavalues3", ANYARRAY),
                    nullable("stavalues4", ANYARRAY), nullable("stavalues5", ANYARRAY)));


    /** pg_inherits (catalog/pg_inherits.h): the parents of tables created with INHERITS (no partitioning yet). */
    public static final SystemCatalog PG_INHERITS = new SystemCatalog(2611, "pg_inherits", FIRST_BOOTSTRAP_OBJECT_ID + 14,
            FIRST_BOOTSTRAP_OBJECT_ID + 15, List.of(nn("inhrelid", OID), nn("inhparent", OID), nn("inhseqno", INT4),
                    nn("inhdetachpending", BOOL)));

    /** pg_partitioned_table (catalog/pg_partitioned_table.h): partitioning keys; empty, as Tusk has no partitioning yet. */
    public static final SystemCatalog PG_PARTITIONED_TABLE = new SystemCatalog(3350, "pg_partitioned_table",
            FIRST_BOOTSTRAP_OBJECT_ID + 16, FIRST_BOOTSTRAP_OBJECT_ID + 17, List.of(nn("partrelid", OID),
                    nn("partstrat", CHAR), nn("partnatts", INT2), nn("partdefid", OID), nn("partattrs", INT2VECTOR),
                    nn("partclass", OIDVECTOR), nn("partcollation", OIDVECTOR), nullable("partexprs", PG_NODE_TREE)));

    /**
     * pg_enum (catalog/pg_enum.h): the labels of enum types. enumsortorder is a float4 so that
     * ALTER TYPE ... ADD VALUE BEFORE/AFTER can place a label between two others.
     */
    public static final SystemCatalog PG_ENUM = new SystemCatalog(3501, "pg_enum", FIRST_BOOTSTRAP_OBJECT_ID + 18,
            FIRST_BOOTSTRAP_OBJECT_ID + 19, List.of(nn("oid", OID), nn("enumtypid", OID), nn("enumsortorder", FLOAT4),
                    nn("enumlabel", NAME)));

    /**
     * pg_proc (catalog/pg_proc.h), PostgreSQL 15's columns. Built-in functions live in code
     * ({@link BuiltinCatalog}); this table holds the functions users create (LANGUAGE sql).
     * proargmodes is char[], which Tusk stores only as NULL (all arguments IN).
     */
    public static final SystemCatalog PG_PROC = new SystemCatalog(1255, "pg_proc", 81, 272, List.of(
            nn("oid", OID), nn("proname", NAME), nn("pronamespace", OID), nn("proowner", OID), nn("prolang", OID),
            nn("procost", FLOAT4), nn("prorows", FLOAT4), nn("provariadic", OID), nn("prosupport", REGPROC),
            nn("prokind", CHAR), nn("prosecdef", BOOL), nn("proleakproof", BOOL), nn("proisstrict", BOOL),
            nn("proretset", BOOL), nn("provolatile", CHAR), nn("proparallel", CHAR), nn("pronargs", INT2),
            nn("pronargdefaults", INT2), nn("prorettype", OID), nn("proargtypes", OIDVECTOR),
            nullable("proallargtypes", OID_ARRAY), nullable("proargmodes", CHAR_ARRAY),
            nullable("proargnames", TEXT_ARRAY), nullable("proargdefaults", PG_NODE_TREE),
            nullable("protrftypes", OID_ARRAY), nn("prosrc", TEXT), nullable("probin", TEXT),
            nullable("prosqlbody", PG_NODE_TREE), nullable("proconfig", TEXT_ARRAY), nullable("proacl", ACLITEM_ARRAY)));

    /**
     * pg_rewrite (catalog/pg_rewrite.h): a view's ON SELECT DO INSTEAD rule "_RETURN". ev_action
     * holds the defining SELECT's SQL text where PostgreSQL stores a node tree (as adbin does).
     */
    public static final SystemCatalog PG_REWRITE = new SystemCatalog(2618, "pg_rewrite", FIRST_BOOTSTRAP_OBJECT_ID + 20,
            FIRST_BOOTSTRAP_OBJECT_ID + 21, List.of(nn("oid", OID), nn("rulename", NAME), nn("ev_class", OID),
                    nn("ev_type", CHAR), nn("ev_enabled", CHAR), nn("is_instead", BOOL), nn("ev_qual", PG_NODE_TREE),
                    nn("ev_action", PG_NODE_TREE)));

    /** pg_depend (catalog/pg_depend.h): dependencies between database objects (dependency.c). */
    public static final SystemCatalog PG_DEPEND = new SystemCatalog(2608, "pg_depend", FIRST_BOOTSTRAP_OBJECT_ID + 22,
            FIRST_BOOTSTRAP_OBJECT_ID + 23, List.of(nn("classid", OID), nn("objid", OID), nn("objsubid", INT4),
                    nn("refclassid", OID), nn("refobjid", OID), nn("refobjsubid", INT4), nn("deptype", CHAR)));

    /**
     * pg_policy (catalog/pg_policy.h): row-level security policies ({@link PolicyCatalog}); polqual
     * and polwithcheck hold the expressions' SQL text where PostgreSQL stores node trees.
     */
    public static final SystemCatalog PG_POLICY = new SystemCatalog(3256, "pg_policy", FIRST_BOOTSTRAP_OBJECT_ID + 24,
            FIRST_BOOTSTRAP_OBJECT_ID + 25, List.of(nn("oid", OID), nn("polname", NAME), nn("polrelid", OID),
                    nn("polcmd", CHAR), nn("polpermissive", BOOL), nn("polroles", OID_ARRAY),
                    nullable("polqual", PG_NODE_TREE), nullable("polwithcheck", PG_NODE_TREE)));

    /** pg_statistic_ext (catalog/pg_statistic_ext.h): extended statistics objects; empty, as Tusk has no CREATE STATISTICS. */
    public static final SystemCatalog PG_STATISTIC_EXT = new SystemCatalog(3381, "pg_statistic_ext", FIRST_BOOTSTRAP_OBJECT_ID + 26,
            FIRST_BOOTSTRAP_OBJECT_ID + 27, List.of(nn("oid", OID), nn("stxrelid", OID), nn("stxname", NAME),
                    nn("stxnamespace", OID), nn("stxowner", OID), nn("stxstattarget", INT4), nn("stxkeys", INT2VECTOR),
                    nn("stxkind", CHAR_ARRAY), nullable("stxexprs", PG_NODE_TREE)));

    /** pg_publication (catalog/pg_publication.h): logical replication publications; empty, as Tusk has no CREATE PUBLICATION. */
    public static final SystemCatalog PG_PUBLICATION = new SystemCatalog(6104, "pg_publication", FIRST_BOOTSTRAP_OBJECT_ID + 28,
            FIRST_BOOTSTRAP_OBJECT_ID + 29, List.of(nn("oid", OID), nn("pubname", NAME), nn("pubowner", OID),
                    nn("puballtables", BOOL), nn("pubinsert", BOOL), nn("pubupdate", BOOL), nn("pubdelete", BOOL),
                    nn("pubtruncate", BOOL), nn("pubviaroot", BOOL)));

    /** pg_publication_namespace (catalog/pg_publication_namespace.h): schemas published with FOR TABLES IN SCHEMA; empty. */
    public static final SystemCatalog PG_PUBLICATION_NAMESPACE = new SystemCatalog(6237, "pg_publication_namespace",
            FIRST_BOOTSTRAP_OBJECT_ID + 30, FIRST_BOOTSTRAP_OBJECT_ID + 31, List.of(nn("oid", OID), nn("pnpubid", OID),
                    nn("pnnspid", OID)));

    /** pg_publication_rel (catalog/pg_publication_rel.h): tables published one by one; empty. */
    public static final SystemCatalog PG_PUBLICATION_REL = new SystemCatalog(6106, "pg_publication_rel",
            FIRST_BOOTSTRAP_OBJECT_ID + 32, FIRST_BOOTSTRAP_OBJECT_ID + 33, List.of(nn("oid", OID), nn("prpubid", OID),
                    nn("prrelid", OID), nullable("prqual", PG_NODE_TREE), nullable("prattrs", INT2VECTOR)));

    /**
     * pg_trigger (catalog/pg_trigger.h): the triggers of CREATE TRIGGER ({@link TriggerDdl}). Tusk
     * enforces foreign keys in the executor rather than with PostgreSQL's internal RI triggers, so
     * it writes no rows for them (it still sets relhastriggers on both tables, as they would).
     */
    public static final SystemCatalog PG_TRIGGER = new SystemCatalog(2620, "pg_trigger", FIRST_BOOTSTRAP_OBJECT_ID + 34,
            FIRST_BOOTSTRAP_OBJECT_ID + 35, List.of(nn("oid", OID), nn("tgrelid", OID), nn("tgparentid", OID),
                    nn("tgname", NAME), nn("tgfoid", OID), nn("tgtype", INT2), nn("tgenabled", CHAR),
                    nn("tgisinternal", BOOL), nn("tgconstrrelid", OID), nn("tgconstrindid", OID),
                    nn("tgconstraint", OID), nn("tgdeferrable", BOOL), nn("tginitdeferred", BOOL), nn("tgnargs", INT2),
                    nn("tgattr", INT2VECTOR), nn("tgargs", BYTEA), nullable("tgqual", PG_NODE_TREE),
                    nullable("tgoldtable", NAME), nullable("tgnewtable", NAME)));

    /**
     * pg_aggregate (catalog/pg_aggregate.h), PostgreSQL 15's columns: the aggregates users create
     * (built-in aggregates live in code). Support functions are pg_proc OIDs (0: none); agginitval and
     * aggminitval are the initial states' text, converted by the transition type's input function
     * when an aggregate call is planned (as nodeAgg.c GetAggInitVal does).
     */
    public static final SystemCatalog PG_AGGREGATE = new SystemCatalog(2600, "pg_aggregate", FIRST_BOOTSTRAP_OBJECT_ID + 36,
            FIRST_BOOTSTRAP_OBJECT_ID + 37, List.of(nn("aggfnoid", REGPROC), nn("aggkind", CHAR),
                    nn("aggnumdirectargs", INT2), nn("aggtransfn", REGPROC), nn("aggfinalfn", REGPROC),
                    nn("aggcombinefn", REGPROC), nn("aggserialfn", REGPROC), nn("aggdeserialfn", REGPROC),
                    nn("aggmtransfn", REGPROC), nn("aggminvtransfn", REGPROC), nn("aggmfinalfn", REGPROC),
                    nn("aggfinalextra", BOOL), nn("aggmfinalextra", BOOL), nn("aggfinalmodify", CHAR),
                    nn("aggmfinalmodify", CHAR), nn("aggsortop", OID), nn("aggtranstype", OID),
                    nn("aggtransspace", INT4), nn("aggmtranstype", OID), nn("aggmtransspace", INT4),
                    nullable("agginitval", TEXT), nullable("aggminitval", TEXT)));

    /**
     * pg_description (catalog/pg_description.h): the comments of COMMENT ON, one row per
     * (objoid, classoid, objsubid); objsubid is a column number for a column's comment, else 0.
     */
    public static final SystemCatalog PG_DESCRIPTION = new SystemCatalog(2609, "pg_description", FIRST_BOOTSTRAP_OBJECT_ID + 38,
            FIRST_BOOTSTRAP_OBJECT_ID + 39, List.of(nn("objoid", OID), nn("classoid", OID), nn("objsubid", INT4),
                    nn("description", TEXT)));

    /**
     * pg_cast (2605): every cast, the built-in ones written by bootstrap (from {@link BuiltinObjectCatalogs})
     * and those of CREATE CAST ({@link CastDdl}).
     */
    public static final SystemCatalog PG_CAST = new SystemCatalog(2605, "pg_cast", FIRST_BOOTSTRAP_OBJECT_ID + 140,
            FIRST_BOOTSTRAP_OBJECT_ID + 141, List.of(nn("oid", OID), nn("castsource", OID), nn("casttarget", OID),
                    nn("castfunc", OID), nn("castcontext", CHAR), nn("castmethod", CHAR)));

    /**
     * pg_operator (2617): every operator, the built-in ones written by bootstrap and those of CREATE
     * OPERATOR ({@link OperatorDdl}).
     */
    public static final SystemCatalog PG_OPERATOR = new SystemCatalog(2617, "pg_operator", FIRST_BOOTSTRAP_OBJECT_ID + 142,
            FIRST_BOOTSTRAP_OBJECT_ID + 143, List.of(nn("oid", OID), nn("oprname", NAME), nn("oprnamespace", OID),
                    nn("oprowner", OID), nn("oprkind", CHAR), nn("oprcanmerge", BOOL), nn("oprcanhash", BOOL),
                    nn("oprleft", OID), nn("oprright", OID), nn("oprresult", OID), nn("oprcom", OID),
                    nn("oprnegate", OID), nn("oprcode", REGPROC), nn("oprrest", REGPROC), nn("oprjoin", REGPROC)));

    /**
     * pg_opfamily (2753), pg_opclass (2616), pg_amop (2602), pg_amproc (2603): the operator
     * families and classes, the built-in ones written by bootstrap (from {@link OperatorClassCatalogs})
     * and those of CREATE OPERATOR CLASS / FAMILY ({@link OpclassDdl}).
     */
    public static final SystemCatalog PG_OPFAMILY = new SystemCatalog(2753, "pg_opfamily", FIRST_BOOTSTRAP_OBJECT_ID + 160,
            FIRST_BOOTSTRAP_OBJECT_ID + 161, List.of(nn("oid", OID), nn("opfmethod", OID), nn("opfname", NAME),
                    nn("opfnamespace", OID), nn("opfowner", OID)));
    public static final SystemCatalog PG_OPCLASS = new SystemCatalog(2616, "pg_opclass", FIRST_BOOTSTRAP_OBJECT_ID + 162,
            FIRST_BOOTSTRAP_OBJECT_ID + 163, List.of(nn("oid", OID), nn("opcmethod", OID), nn("opcname", NAME),
                    nn("opcnamespace", OID), nn("opcowner", OID), nn("opcfamily", OID), nn("opcintype", OID),
                    nn("opcdefault", BOOL), nn("opckeytype", OID)));
    public static final SystemCatalog PG_AMOP = new SystemCatalog(2602, "pg_amop", FIRST_BOOTSTRAP_OBJECT_ID + 164,
            FIRST_BOOTSTRAP_OBJECT_ID + 165, List.of(nn("oid", OID), nn("amopfamily", OID), nn("amoplefttype", OID),
                    nn("amoprighttype", OID), nn("amopstrategy", INT2), nn("amoppurpose", CHAR), nn("amopopr", OID),
                    nn("amopmethod", OID), nn("amopsortfamily", OID)));
    public static final SystemCatalog PG_AMPROC = new SystemCatalog(2603, "pg_amproc", FIRST_BOOTSTRAP_OBJECT_ID + 166,
            FIRST_BOOTSTRAP_OBJECT_ID + 167, List.of(nn("oid", OID), nn("amprocfamily", OID), nn("amproclefttype", OID),
                    nn("amprocrighttype", OID), nn("amprocnum", INT2), nn("amproc", REGPROC)));

    /**
     * pg_range (3541): one row per range type, the built-in ones written by bootstrap (pg_range.dat,
     * {@link RangeCatalog}) and those of CREATE TYPE ... AS RANGE ({@link TypeDdl#createRange}).
     */
    public static final SystemCatalog PG_RANGE = new SystemCatalog(3541, "pg_range", FIRST_BOOTSTRAP_OBJECT_ID + 168,
            FIRST_BOOTSTRAP_OBJECT_ID + 169, List.of(nn("rngtypid", OID), nn("rngsubtype", OID), nn("rngmultitypid", OID),
                    nn("rngcollation", OID), nn("rngsubopc", OID), nn("rngcanonical", REGPROC), nn("rngsubdiff", REGPROC)));

    /**
     * pg_default_acl (826): the privileges ALTER DEFAULT PRIVILEGES gives objects a role creates,
     * globally (defaclnamespace 0) or in one schema ({@link DefaultAcls}).
     */
    public static final SystemCatalog PG_DEFAULT_ACL = new SystemCatalog(826, "pg_default_acl", FIRST_BOOTSTRAP_OBJECT_ID + 170,
            FIRST_BOOTSTRAP_OBJECT_ID + 171, List.of(nn("oid", OID), nn("defaclrole", OID), nn("defaclnamespace", OID),
                    nn("defaclobjtype", CHAR), nn("defaclacl", ACLITEM_ARRAY)));

    /** Every catalog stored as a heap table, in bootstrap order. */
    public static final List<SystemCatalog> ALL = List.of(PG_TYPE, PG_ATTRIBUTE, PG_CLASS, PG_NAMESPACE, PG_INDEX,
            PG_ATTRDEF, PG_CONSTRAINT, PG_AM, PG_SEQUENCE, PG_STATISTIC, PG_INHERITS, PG_PARTITIONED_TABLE, PG_ENUM,
            PG_PROC, PG_REWRITE, PG_DEPEND, PG_POLICY, PG_STATISTIC_EXT, PG_PUBLICATION, PG_PUBLICATION_NAMESPACE,
            PG_PUBLICATION_REL, PG_TRIGGER, PG_AGGREGATE, PG_DESCRIPTION, PG_CAST, PG_OPERATOR,
            PG_OPFAMILY, PG_OPCLASS, PG_AMOP, PG_AMPROC, PG_RANGE, PG_DEFAULT_ACL);

    /** The catalog with OID {@code oid}, or null. */
    public static SystemCatalog byOid(int oid) {
        for (SystemCatalog c : ALL) if (c.oid() == oid) return c;
        return null;
    }

    /** The catalog named {@code name}, or null. */
    public static SystemCatalog byName(String name) {
        for (SystemCatalog c : ALL) if (c.name().equals(name)) return c;
        return null;
    }
}
