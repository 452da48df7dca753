/**
 * The tsvector and tsquery data types (PostgreSQL's utils/adt/tsvector*.c, tsquery*.c):
 * {@link org.tusk.utils.adt.tsearch.TsVector} (sorted unique lexemes with sorted unique
 * WordEntryPos positions), {@link org.tusk.utils.adt.tsearch.TsQuery} (an operator tree),
 * their text I/O ({@link org.tusk.utils.adt.tsearch.TsVectorIO},
 * {@link org.tusk.utils.adt.tsearch.TsQueryIO}), the operators and functions on them
 * ({@link org.tusk.utils.adt.tsearch.TsVectorOps}, {@link org.tusk.utils.adt.tsearch.TsQueryOps},
 * including cleanup_tsquery_stopwords), and query evaluation with phrase semantics
 * ({@link org.tusk.utils.adt.tsearch.TsExecute}).
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Every TsVector is normalised on construction from outside this package: lexemes in
 *     tsCompareString order without duplicates; positions 1..16383, sorted, unique, at most 255.</li>
 * <li>Values are immutable and need no locking; Stop placeholders exist only while
 *     to_tsquery builds a query and never survive cleanup.</li>
 * </ul>
 * Not here yet: the on-disk (varlena) forms, so tsvector and tsquery cannot be stored in
 * tables; ranking (tsrank.c); ts_headline; ts_rewrite; GIN/GiST support (out of scope).
 */
package org.tusk.utils.adt.tsearch;
