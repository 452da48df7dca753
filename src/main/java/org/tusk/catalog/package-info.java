/**
 * The built-in catalog, as PostgreSQL's {@code catalog/} data (pg_type.dat, pg_proc.dat,
 * pg_operator.dat, pg_cast.dat, pg_aggregate.dat) — for now a static, immutable table only.
 *
 * <p>{@link org.tusk.catalog.TypeOids} has PostgreSQL's real type OIDs;
 * {@link org.tusk.catalog.BuiltinCatalog} maps them to {@link org.tusk.catalog.PgType}
 * (typlen, category, preferred flag, text I/O functions from {@code utils/adt}) and lists the
 * built-in functions, operators, casts (with their implicit/assignment/explicit context) and
 * aggregates used by parse analysis. Implementations receive a
 * {@link org.tusk.catalog.FunctionCallContext} through which the few session-dependent ones
 * (now(), current_setting(), pg_sleep(), ...) reach {@link org.tusk.utils.misc.SessionServices}.
 *
 * <p>{@link org.tusk.catalog.RelationProvider} / {@link org.tusk.catalog.ScannableRelation} are the
 * interfaces through which the rest of the server supplies relations (system views now, tables
 * later). The catalog is initialised once and never mutated; it holds no per-session state.
 */
package org.tusk.catalog;
