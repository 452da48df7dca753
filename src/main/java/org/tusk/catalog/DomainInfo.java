package org.tusk.catalog;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One domain as the rest of a backend uses it: the pg_type facts of a typtype 'd' row and its
 * CHECK constraints (PostgreSQL keeps the same in typcache.c's DomainConstraintCache).
 *
 * <p>{@link #cooked} holds the analysed form of each CHECK (by constraint OID), filled by the
 * executor the first time it needs one; it lives as long as this entry, which {@link TypeCache}
 * drops at every catalog invalidation, so a changed constraint or function is analysed again.
 * Only the backend's own thread uses it.
 *
 * @param baseType   typbasetype: the type the domain is over (itself possibly a domain)
 * @param baseTypmod typtypmod: the base type's modifier (varchar(5): 9), -1 if none
 * @param notNull    typnotnull
 * @param defaultSql typdefault: the DEFAULT expression's SQL text (Tusk's convention, as for adbin), or null
 * @param collation  typcollation
 * @param arrayType  typarray
 * @param checks     the CHECK constraints in name order
 */
public record DomainInfo(int oid, String name, int namespace, int baseType, int baseTypmod, boolean notNull,
                         String defaultSql, int collation, int arrayType, List<Check> checks,
                         ConcurrentHashMap<Integer, Object> cooked) {
    /** One CHECK constraint of a domain: pg_constraint oid, conname, conbin text (using VALUE), convalidated. */
    public record Check(int oid, String name, String sql, boolean validated) {}

    public DomainInfo(int oid, String name, int namespace, int baseType, int baseTypmod, boolean notNull,
                      String defaultSql, int collation, int arrayType, List<Check> checks) {
        this(oid, name, namespace, baseType, baseTypmod, notNull, defaultSql, collation, arrayType, List.copyOf(checks),
                new ConcurrentHashMap<>());
    }
}
