/**
 * The jsonpath type and the SQL/JSON path language (PostgreSQL's utils/adt/jsonpath.c,
 * jsonpath_gram.y, jsonpath_scan.l and jsonpath_exec.c).
 *
 * <p><b>Input and output.</b> {@link org.tusk.utils.adt.jsonpath.JsonPathScanner} is the flex
 * scanner: at each position every rule is tried and the longest match wins, ties going to the
 * earlier rule, so number literals, "trailing junk" and identifiers split exactly as in
 * PostgreSQL; each token keeps the text flex's yytext would hold, which syntax errors quote
 * ("syntax error at or near ... of jsonpath input", or "at end" when yytext is empty).
 * {@link org.tusk.utils.adt.jsonpath.JsonPathParser} is the bison grammar written as
 * recursive descent over a unified expression/predicate parse, followed by the checks of
 * flattenJsonPathParseItem (@ only inside a filter, LAST only inside a subscript) and
 * makeItemLikeRegex (flags, and the pattern must compile).
 * {@link org.tusk.utils.adt.jsonpath.JsonPathPrinter} is printJsonPathItem: the canonical text
 * jsonpath_out returns, which is also what the value's equality compares. Numbers are numeric
 * values (numeric_in of the literal); a sign on a lone numeric literal is folded into it.
 *
 * <p><b>Values.</b> A {@link org.tusk.utils.adt.jsonpath.JsonPath} is the mode and a tree of
 * {@link org.tusk.utils.adt.jsonpath.JsonPathItem}s (PostgreSQL's JsonPathParseItem; Tusk keeps
 * the tree instead of flattening it into the binary varlena). Trees are built once by the
 * parser and never changed afterwards, so a value may be shared freely. There is no binary
 * (send/recv) form and no on-disk form: Tusk's tuple code does not store jsonpath columns yet.
 *
 * <p><b>Execution.</b> {@link org.tusk.utils.adt.jsonpath.JsonPathExecutor} is
 * jsonpath_exec.c's executor over jsonb trees ({@link org.tusk.utils.adt.Jsonb} nodes). Its
 * invariants: results are appended to the caller's list in document order; a null list means
 * "does any item exist", and evaluation then stops at the first item; in lax mode arrays are
 * unwrapped for accessors, methods and arithmetic and scalars wrapped for [ ], and structural
 * errors yield nothing; in strict mode they are errors. Errors are thrown when the caller asked
 * for them (silent = false) and otherwise abandon evaluation with Result.ERROR; inside a
 * predicate any error makes the predicate unknown (never thrown). Missing variables and a vars
 * argument that is not an object are always thrown, as in PostgreSQL. The "id" of .keyvalue()
 * is the container's byte offset in jsonb's binary layout ({@link
 * org.tusk.utils.adt.jsonpath.JsonbLayout}) plus 10^10 times the base object's number (0 the
 * target, 1 the vars, then each generated object). An executor serves one call on one thread;
 * nothing here is shared between backends, so there is no locking.
 *
 * <p><b>Not implemented.</b> .datetime() accepts only the argument check (a non-string is
 * 22031); converting a string needs formatting.c's parse_datetime in its strict template mode,
 * so it is refused with 0A000, and the _tz function variants therefore behave like the plain
 * ones. GIN support for @? and @@ is out of scope.
 */
package org.tusk.utils.adt.jsonpath;
