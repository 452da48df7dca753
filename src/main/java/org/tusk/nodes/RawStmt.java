package org.tusk.nodes;

/**
 * One statement of a query string with its text span, as PostgreSQL's RawStmt: location is
 * the 0-based offset where the statement starts (just after the previous ';'), length the
 * number of characters up to (not including) its terminating ';' or the end of the string.
 */
public record RawStmt(Stmt stmt, int location, int length) {
    /** The statement's own text within the query string it was parsed from. */
    public String text(String queryString) { return queryString.substring(location, location + length); }
}
