/**
 * Text search machinery, as PostgreSQL's src/backend/tsearch: the default parser
 * ({@link org.tusk.tsearch.DefaultParser}, wparser_def.c's state tables and token types
 * {@link org.tusk.tsearch.TokenTypes}), the simple and english_stem dictionaries
 * ({@link org.tusk.tsearch.Dictionaries}; the Snowball English stemmer
 * {@link org.tusk.tsearch.EnglishStemmer} and the english.stop list {@link org.tusk.tsearch.StopWords}),
 * the built-in configurations simple (3748) and english (13164) with PostgreSQL's token-type to
 * dictionary map ({@link org.tusk.tsearch.TextSearchConfigs}), parsetext
 * ({@link org.tusk.tsearch.ParsedText}), to_tsany.c ({@link org.tusk.tsearch.ToTsAny}) and the
 * trigger functions tsvector_update_trigger[_column] ({@link org.tusk.tsearch.TsVectorUpdateTrigger},
 * called by the executor's trigger machinery with the row and the table's column names and types),
 * ts_headline ({@link org.tusk.tsearch.Headline}: hlparsetext and generateHeadline in
 * {@link org.tusk.tsearch.HeadlineParsedText}, the default parser's prsd_headline in
 * {@link org.tusk.tsearch.HeadlineSelector}, its option string read by
 * {@link org.tusk.tsearch.DefList} as deserialize_deflist reads it) and websearch_to_tsquery
 * ({@link org.tusk.tsearch.WebSearchQuery}).
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Positions start at 1 and advance once per token a dictionary recognised (stop words
 *     included); tokens of types the configuration does not map never advance them.</li>
 * <li>The configurations, dictionaries and stop lists are built in and immutable: no
 *     CREATE TEXT SEARCH objects exist, so nothing here is cached per session or shared.
 *     The stop list is loaded once per process from a class-path resource; a racing first load
 *     only builds the same immutable set twice.</li>
 * <li>Parser instances parse one string on one thread and keep no state between strings.</li>
 * <li>The trigger never changes the row it is given: it returns a copy with the tsvector column
 *     set, positions running on from one text column to the next as parsetext's do.</li>
 * <li>A headline's word list holds every token of the document, in order, so writing the marked
 *     ones back reproduces the text; a token matching several query operands has one entry per
 *     extra operand flagged "repeated", which is never written and never counts as an interesting
 *     word. Operands are matched by identity (the tsquery tree's node), as PostgreSQL compares
 *     QueryOperand pointers, so equal lexemes at two places of a query are distinct items.</li>
 * <li>A headline's positions are to_tsvector's, so phrase operators match in headlines exactly
 *     where they match the document's tsvector; for json(b) they run on from one string value to
 *     the next, as PostgreSQL's reused HeadlineParsedText does.</li>
 * <li>websearch_to_tsquery never raises a syntax error: characters it cannot use are skipped.</li>
 * </ul>
 * No locks: nothing here touches shared memory or catalogs.
 */
package org.tusk.tsearch;
