/**
 * The tsvector and tsquery data types (PostgreSQL's utils/adt/tsvector*.c, tsquery*.c):
 * {@link org.tusk.utils.adt.tsearch.TsVector} (sorted unique lexemes with sorted unique
 * WordEntryPos positions), {@link org.tusk.utils.adt.tsearch.TsQuery} (an operator tree),
 * their text I/O ({@link org.tusk.utils.adt.tsearch.TsVectorIO},
 * {@link org.tusk.utils.adt.tsearch.TsQueryIO}), the operators and functions on them
 * ({@link org.tusk.utils.adt.tsearch.TsVectorOps}, {@link org.tusk.utils.adt.tsearch.TsQueryOps},
 * including cleanup_tsquery_stopwords), query evaluation with phrase semantics
 * ({@link org.tusk.utils.adt.tsearch.TsExecute}, TS_execute with a caller's operand test as
 * {@link org.tusk.utils.adt.tsearch.TsExecute.Condition}), ranking (tsrank.c:
 * {@link org.tusk.utils.adt.tsearch.TsRank}), the binary wire forms
 * ({@link org.tusk.utils.adt.tsearch.TsBinary}) and the legacy CRC-32 stored in every tsquery
 * operand ({@link org.tusk.utils.adt.tsearch.LegacyCrc32}) and ts_rewrite(query, target, substitute)
 * ({@link org.tusk.utils.adt.tsearch.TsQueryRewrite}, tsquery_rewrite.c over n-ary QTNode trees
 * that live for one call). The stored (varlena) forms are in
 * access.common (TsVectorFormat, TsQueryFormat).
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Every TsVector is normalised on construction from outside this package: lexemes in
 *     tsCompareString order without duplicates; positions 1..16383, sorted, unique, at most 255.</li>
 * <li>Values are immutable and need no locking; Stop placeholders exist only while
 *     to_tsquery builds a query and never survive cleanup.</li>
 * <li>Both types order as btree tsvector_ops/tsquery_ops do (silly_cmp_tsvector: stored size
 *     first; CompareTSQ), which is their Comparable order, so ORDER BY and btree indexes agree
 *     with PostgreSQL.</li>
 * <li>Ranking reproduces tsrank.c's float and double steps; its cover search keeps per-call
 *     state only.</li>
 * <li>ts_rewrite flattens and sorts its input as PostgreSQL does before matching, so its result
 *     lists operands in QTNodeCompare order, not the order they were written in.</li>
 * </ul>
 * ts_headline and websearch_to_tsquery live in org.tusk.tsearch (they need the parser and
 * dictionaries). Not here yet: ts_rewrite(tsquery, text) (the form that reads its rules with a
 * query), ts_stat, the @&gt; and &lt;@ tsquery containment operators, and GIN/GiST
 * support (out of scope).
 */
package org.tusk.utils.adt.tsearch;
