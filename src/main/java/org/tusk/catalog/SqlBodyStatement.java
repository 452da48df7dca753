package org.tusk.catalog;

/**
 * One statement of a SQL-standard function body (prosqlbody) as parse analysis makes it again
 * from the stored text: the Query, whether it was written as {@code RETURN expr} (PostgreSQL's
 * Query.isReturn) and its stored text. What pg_get_functiondef and pg_get_function_sqlbody
 * deparse (ruleutils.c print_function_sqlbody).
 */
public record SqlBodyStatement(org.tusk.nodes.Query query, boolean isReturn, String text) {}
