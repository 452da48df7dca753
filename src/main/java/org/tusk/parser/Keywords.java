package org.tusk.parser;

import java.util.Set;

/**
 * SQL keywords and their categories, from PostgreSQL's kwlist.h (the subset the grammar
 * distinguishes). Reserved keywords cannot be column or function names; type/function-name
 * keywords can be function names but not column names; column-name keywords can be column
 * names but not function names (they have special syntax). All other words are identifiers.
 */
public final class Keywords {
    private Keywords() {}

    static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table",
            "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
            "window", "with");

    static final Set<String> TYPE_FUNC_NAME = Set.of("authorization", "binary", "collation", "concurrently", "cross",
            "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural",
            "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");

    static final Set<String> COL_NAME = Set.of("between", "bigint", "bit", "boolean", "char", "character", "coalesce",
            "dec", "decimal", "exists", "extract", "float", "greatest", "grouping", "inout", "int", "integer",
            "interval", "least", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay",
            "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp", "treat",
            "trim", "values", "varchar");

    /** Unreserved keywords the grammar looks at (they behave as identifiers elsewhere). */
    static final Set<String> UNRESERVED = Set.of("abort", "begin", "chain", "commit", "committed", "first",
            "isolation", "last", "level", "local", "no", "nulls", "prepared", "read", "release", "repeatable", "reset",
            "rollback", "rows", "savepoint", "serializable", "session", "set", "show", "start", "transaction",
            "uncommitted", "work", "write", "zone", "escape", "day", "hour", "minute", "month", "second", "year",
            "varying", "with", "without", "filter", "over", "within", "next", "absolute", "uescape", "names",
            "schema", "characteristics", "role", "ordinality", "current", "value", "snapshot", "by", "at", "prepare",
            "insert", "update", "delete", "drop", "alter", "copy", "explain", "vacuum", "revoke", "truncate", "lock",
            "listen", "notify", "unlisten", "execute", "deallocate", "declare", "move", "close", "discard",
            "checkpoint", "comment", "call", "merge", "reindex", "cluster", "security", "load", "import", "refresh",
            "reassign", "index", "if", "temp", "temporary", "global", "cascade", "restrict", "key", "include",
            "inherits", "tablespace", "generated", "of", "partition", "overriding", "conflict", "exclude",
            "database", "owner", "rename", "password", "encrypted", "unencrypted", "valid", "until", "connection",
            "template", "encoding", "privileges", "inherit", "force", "option", "admin", "sysid", "location",
            "trigger", "granted",
            // utility statements (COPY, TRUNCATE, ALTER TABLE, VACUUM, sequences)
            "stdin", "stdout", "csv", "delimiter", "header", "quote", "unlogged", "add", "data", "type", "identity", "restart", "continue", "sequence", "increment", "minvalue", "maxvalue", "cycle", "cache", "owned", "always", "options", "program", "logged", "stored", "recursive", "materialized", "share", "nowait", "skip", "locked",
            // constraints (FOREIGN KEY actions and attributes, VALIDATE CONSTRAINT)
            "validate", "match", "matched", "simple", "partial", "action", "deferred", "immediate", "system", "constraints",
            // CREATE TABLE ... LIKE options
            "including", "excluding",
            // window frames and grouping sets
            "range", "groups", "unbounded", "preceding", "following", "ties", "others", "rollup", "cube", "sets",
            // user-defined types
            "enum", "before", "after",
            // SEARCH and CYCLE clauses of WITH queries
            "search", "depth", "breadth",
            // CREATE FUNCTION
            "function", "functions", "returns", "language", "immutable", "stable", "volatile", "strict", "called",
            "input", "leakproof", "invoker", "definer", "parallel", "cost", "atomic", "return", "external",
            "support", "transform", "procedure", "aggregate", "routine",
            // views and inheritance
            "view", "replace", "cascaded", "views",
            // declarative partitioning (ALTER TABLE ATTACH/DETACH PARTITION)
            "attach", "detach", "finalize",
            // LOCK TABLE modes
            "access", "exclusive", "mode");

    /** Keywords that may only be used as column labels with AS (kwlist.h AS_LABEL). */
    static final Set<String> AS_LABEL_ONLY = Set.of("day", "filter", "hour", "minute", "month", "over", "second",
            "varying", "within", "without", "year", "character", "precision", "uescape");

    public static boolean isKeyword(String w) {
        return RESERVED.contains(w) || TYPE_FUNC_NAME.contains(w) || COL_NAME.contains(w) || UNRESERVED.contains(w);
    }

    public static boolean isReserved(String w) { return w != null && RESERVED.contains(w); }

    /**
     * Whether quote_identifier must quote this lower-case word: any keyword that is not
     * UNRESERVED_KEYWORD (reserved, type/function-name and column-name keywords).
     */
    public static boolean needsQuoting(String w) {
        return w != null && (RESERVED.contains(w) || TYPE_FUNC_NAME.contains(w) || COL_NAME.contains(w));
    }

    /** Can this identifier token be a column/table name (ColId)? */
    static boolean isColId(Token t) {
        return t.is(Token.Kind.IDENT) && (t.keyword() == null || !(RESERVED.contains(t.keyword())
                || TYPE_FUNC_NAME.contains(t.keyword())));
    }

    /** Can it be a function name (type_function_name)? */
    static boolean isFuncName(Token t) {
        return t.is(Token.Kind.IDENT) && (t.keyword() == null || !(RESERVED.contains(t.keyword())
                || COL_NAME.contains(t.keyword())));
    }

    /** Can it be a column label without AS (BareColLabel)? */
    static boolean isBareLabel(Token t) {
        return t.is(Token.Kind.IDENT) && (t.keyword() == null || !(RESERVED.contains(t.keyword())
                || AS_LABEL_ONLY.contains(t.keyword())));
    }

    /** Any word after AS (ColLabel): every identifier or keyword. */
    static boolean isColLabel(Token t) { return t.is(Token.Kind.IDENT); }
}
