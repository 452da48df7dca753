package org.tusk.utils.ruleutils;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Query;

/**
 * ruleutils.c's deparse_context: the output buffer, the pretty-printing flags, the indentation
 * level, whether Vars get their range table prefix, and the stack of query levels being printed
 * (innermost first) that Vars with {@code levelsup} are resolved against.
 *
 * <p>{@link #appendContextKeyword} and the PRETTYINDENT_* amounts are PostgreSQL's, so that the
 * layout of a deparsed view ({@code " SELECT t.a,\n    t.b\n   FROM t;"}) is byte-for-byte the same.
 */
final class DeparseContext {
    static final int PRETTYFLAG_PAREN = 0x0001;
    static final int PRETTYFLAG_INDENT = 0x0002;
    static final int PRETTYFLAG_SCHEMA = 0x0004;

    /** WRAP_COLUMN_DEFAULT: wrap every target list column and FROM item onto a line of its own. */
    static final int WRAP_COLUMN_DEFAULT = 0;

    static final int PRETTYINDENT_STD = 8;
    static final int PRETTYINDENT_JOIN = 4;
    static final int PRETTYINDENT_VAR = 4;
    static final int PRETTYINDENT_LIMIT = 40;

    StringBuilder buf;
    final int prettyFlags;
    final int wrapColumn;
    int indentLevel;
    /** Whether Vars are printed as refname.colname. */
    boolean varprefix;
    /** The query levels being deparsed, innermost first (context->namespaces). */
    final List<DeparseNamespace> namespaces;
    /** The current SELECT's windows and target list, for window function calls (windowClause/windowTList). */
    List<Query.WindowClause> windowClause = List.of();
    List<Query.TargetEntry> windowTList = List.of();
    /** The session's output settings, for constants' text (IntervalStyle, DateStyle, extra_float_digits). */
    org.tusk.utils.adt.OutputSettings output = org.tusk.utils.adt.OutputSettings.DEFAULT;

    DeparseContext(StringBuilder buf, List<DeparseNamespace> namespaces, int prettyFlags, int wrapColumn, int indentLevel) {
        this.buf = buf;
        this.namespaces = new ArrayList<>(namespaces);
        this.prettyFlags = prettyFlags;
        this.wrapColumn = wrapColumn;
        this.indentLevel = indentLevel;
    }

    boolean prettyParen() { return (prettyFlags & PRETTYFLAG_PAREN) != 0; }

    boolean prettyIndent() { return (prettyFlags & PRETTYFLAG_INDENT) != 0; }

    /**
     * appendContextKeyword: with PRETTYFLAG_INDENT, start a new line indented by the current level
     * (changed by {@code indentBefore} first) plus {@code indentPlus}, then append {@code str} and
     * change the level by {@code indentAfter}; without it, just append {@code str}.
     */
    void appendContextKeyword(String str, int indentBefore, int indentAfter, int indentPlus) {
        if (!prettyIndent()) {
            buf.append(str);
            return;
        }
        indentLevel += indentBefore;
        removeStringInfoSpaces(buf);
        buf.append('\n');
        int indentAmount;
        if (indentLevel < PRETTYINDENT_LIMIT) {
            indentAmount = Math.max(indentLevel, 0) + indentPlus;
        } else {
            // deeply nested: wrap the indentation around rather than march off the right margin
            indentAmount = PRETTYINDENT_LIMIT + (indentLevel - PRETTYINDENT_LIMIT) / (PRETTYINDENT_STD / 2);
            indentAmount %= PRETTYINDENT_LIMIT;
            indentAmount += indentPlus;
        }
        buf.append(" ".repeat(indentAmount));
        buf.append(str);
        indentLevel += indentAfter;
        if (indentLevel < 0) indentLevel = 0;
    }

    /** removeStringInfoSpaces: drop trailing spaces. */
    static void removeStringInfoSpaces(StringBuilder sb) {
        int n = sb.length();
        while (n > 0 && sb.charAt(n - 1) == ' ') n--;
        sb.setLength(n);
    }
}
