/**
 * The parser and parse analysis, as PostgreSQL's {@code parser/}.
 *
 * <h2>Raw parsing</h2>
 * {@link org.tusk.parser.Lexer} follows scan.l (standard_conforming_strings on) and produces
 * tokens lazily; {@link org.tusk.parser.Parser} is a hand-written recursive-descent version of the
 * accepted subset of gram.y, with gram.y's operator precedence and associativity (including the
 * non-associative comparison operators and unary minus binding tighter than {@code ^}). Output:
 * a list of {@link org.tusk.nodes.RawStmt}, one per statement of the query string, each with its
 * text span. Like raw_parser(), it does no catalog lookups, so it can run outside a transaction;
 * a syntax error anywhere fails the whole string. Valid PostgreSQL statements that Tusk cannot
 * run yet are parsed into {@code UnsupportedStmt} (error 0A000 at execution); anything else is a
 * syntax error with PostgreSQL's message and 1-based character position.
 *
 * <h2>Parse analysis</h2>
 * {@link org.tusk.parser.Analyzer} turns one raw statement into a {@link org.tusk.nodes.Query}:
 * resolves the FROM relation through {@link org.tusk.catalog.RelationProvider}, column
 * references, {@code *}; types every expression; resolves operators and functions among the
 * built-ins with PostgreSQL's rules ({@link org.tusk.parser.ParseFunc}: exact match, implicit
 * coercibility, most exact matches, preferred types, unknown-literal category resolution);
 * inserts coercions ({@link org.tusk.parser.ParseCoerce}); converts unknown-type literals with the
 * target type's input function at analysis time (so input errors point at the literal); resolves
 * remaining unknown outputs to text; assigns output column names (FigureColname); and checks
 * aggregate placement. Every error carries PostgreSQL's SQLSTATE, text and cursor position.
 *
 * <h2>Tables and data modification</h2>
 * The grammar also covers CREATE [TEMP] TABLE (column types with modifiers, NOT NULL/NULL/DEFAULT/
 * PRIMARY KEY/UNIQUE, table PRIMARY KEY/UNIQUE), CREATE [UNIQUE] INDEX, DROP TABLE/INDEX,
 * INSERT (VALUES with DEFAULT items, SELECT, DEFAULT VALUES), UPDATE and DELETE, each with
 * RETURNING. A DEFAULT's text is kept as written ({@code ColumnDefinition.defaultSql}), since
 * the catalog stores defaults as SQL text. Names in FROM resolve to system views first, then to
 * catalog tables of the statement's {@link org.tusk.executor.ExecEnvironment} (none: views only).
 * {@link org.tusk.parser.ModifyAnalysis} analyses INSERT/UPDATE/DELETE into a Query whose target
 * list is the complete new row in attribute order: assigned values are coerced in assignment
 * context (42804 with PostgreSQL's hint when impossible), missing columns get their default,
 * parsed from the catalog's text and analysed each time (rewriteTargetListIU's work). Not yet:
 * UPDATE ... FROM, DELETE ... USING, ON CONFLICT, multi-column SET, CHECK/FOREIGN KEY, index
 * expressions, DESC index columns (parsed, refused at execution), serial/identity columns.
 *
 * <p>The statements on databases, roles and table privileges (CREATE/DROP/ALTER DATABASE,
 * CREATE/ALTER/DROP ROLE, USER and GROUP, GRANT/REVOKE ON TABLE) are parsed by {@code RoleGrammar}
 * on the same token stream, into gram.y's node shapes with its DefElem option names; they are
 * utility statements and are not analysed. GRANT of roles and of privileges on other object
 * kinds, and ALTER DATABASE/ROLE ... SET, parse as UnsupportedStmt.
 *
 * <p>Invariants: the Query handed to the optimizer is fully typed; visible target entries come
 * first, resjunk (ORDER BY-only) entries after; nothing in the Query refers back to raw nodes.
 * Analysis depends on session state only through the time zone passed in.
 */
package org.tusk.parser;
