package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.WindowFrame;
import org.tusk.utils.error.PgException;

/**
 * The grammar of window specifications and grouping sets (gram.y's over_clause,
 * window_clause, window_specification, opt_frame_clause, frame_extent, frame_bound,
 * opt_window_exclusion_clause, and group_by_item with its empty_grouping_set, rollup_clause,
 * cube_clause and grouping_sets_clause), on the token stream of the {@link Parser} that called
 * it. The frame checks gram.y makes while building frameOptions are made here, with its messages.
 */
final class WindowGrammar {
    private static final String WINDOWING_ERROR = "42P20";

    private final Parser p;

    WindowGrammar(Parser p) {
        this.p = p;
    }

    /**
     * over_clause, after OVER: a window_specification, or a bare window name, which (as in
     * gram.y) becomes a WindowDef whose {@code name} is that window.
     */
    Stmt.WindowDef overClause() {
        Token t = p.peek();
        if (p.isChar('(')) return windowSpecification(null);
        String name = p.colId();
        return new Stmt.WindowDef(name, null, List.of(), List.of(), WindowFrame.DEFAULTS, null, null, t.start());
    }

    /** window_clause, after WINDOW: name AS (spec) [, ...]. */
    List<Stmt.WindowDef> windowClause() {
        List<Stmt.WindowDef> defs = new ArrayList<>();
        do {
            String name = p.colId();
            p.expectKw("as");
            defs.add(windowSpecification(name));
        } while (p.acceptChar(','));
        return List.copyOf(defs);
    }

    /** window_specification: '(' [existing name] [PARTITION BY ...] [ORDER BY ...] [frame] ')'. */
    private Stmt.WindowDef windowSpecification(String name) {
        Token open = p.expectChar('(');
        String ref = null;
        Token t = p.peek();
        // opt_existing_window_name: PARTITION, ORDER, RANGE, ROWS and GROUPS start the clauses instead
        if (Keywords.isColId(t) && !t.isKeyword("partition") && !t.isKeyword("order") && !t.isKeyword("range")
                && !t.isKeyword("rows") && !t.isKeyword("groups"))
            ref = p.colId();
        List<RawExpr> partition = List.of();
        if (p.isKw("partition")) {
            p.advance();
            p.expectKw("by");
            partition = p.exprListPublic();
        }
        List<Stmt.SortBy> order = List.of();
        if (p.isKw("order")) {
            p.advance();
            p.expectKw("by");
            List<Stmt.SortBy> l = new ArrayList<>();
            do {
                l.add(p.sortByPublic());
            } while (p.acceptChar(','));
            order = List.copyOf(l);
        }
        int options = WindowFrame.DEFAULTS;
        RawExpr[] offsets = new RawExpr[2];
        if (p.isKw("range") || p.isKw("rows") || p.isKw("groups")) {
            Token mode = p.advance();
            options = WindowFrame.NONDEFAULT | (mode.isKeyword("range") ? WindowFrame.RANGE
                    : mode.isKeyword("rows") ? WindowFrame.ROWS : WindowFrame.GROUPS) | frameExtent(offsets);
            options |= exclusion();
        }
        p.expectChar(')');
        return new Stmt.WindowDef(name, ref, partition, order, options, offsets[0], offsets[1], open.start());
    }

    /** frame_extent: frame_bound | BETWEEN frame_bound AND frame_bound, checked as gram.y does. */
    private int frameExtent(RawExpr[] offsets) {
        if (p.acceptKw("between")) {
            Token startTok = p.peek();
            int start = frameBound(offsets, 0);
            p.expectKw("and");
            Token endTok = p.peek();
            int options = start | (frameBound(offsets, 1) << 1) | WindowFrame.BETWEEN;
            if ((options & WindowFrame.START_UNBOUNDED_FOLLOWING) != 0)
                throw error("frame start cannot be UNBOUNDED FOLLOWING", startTok);
            if ((options & WindowFrame.END_UNBOUNDED_PRECEDING) != 0)
                throw error("frame end cannot be UNBOUNDED PRECEDING", endTok);
            if ((options & WindowFrame.START_CURRENT_ROW) != 0 && (options & WindowFrame.END_OFFSET_PRECEDING) != 0)
                throw error("frame starting from current row cannot have preceding rows", endTok);
            if ((options & WindowFrame.START_OFFSET_FOLLOWING) != 0
                    && (options & (WindowFrame.END_OFFSET_PRECEDING | WindowFrame.END_CURRENT_ROW)) != 0)
                throw error("frame starting from following row cannot have preceding rows", endTok);
            return options;
        }
        Token startTok = p.peek();
        int options = frameBound(offsets, 0);
        if ((options & WindowFrame.START_UNBOUNDED_FOLLOWING) != 0)
            throw error("frame start cannot be UNBOUNDED FOLLOWING", startTok);
        if ((options & WindowFrame.START_OFFSET_FOLLOWING) != 0)
            throw error("frame starting from following row cannot end with current row", startTok);
        return options | WindowFrame.END_CURRENT_ROW;
    }

    /** frame_bound, as start-bound bits (the caller shifts them for the end bound). */
    private int frameBound(RawExpr[] offsets, int which) {
        if (p.isKw("unbounded") && (p.peek(1).isKeyword("preceding") || p.peek(1).isKeyword("following"))) {
            p.advance();
            return p.advance().isKeyword("preceding") ? WindowFrame.START_UNBOUNDED_PRECEDING
                    : WindowFrame.START_UNBOUNDED_FOLLOWING;
        }
        if (p.isKw("current") && p.peek(1).isKeyword("row")) {
            p.advance();
            p.advance();
            return WindowFrame.START_CURRENT_ROW;
        }
        offsets[which] = p.aExprPublic();
        if (p.acceptKw("preceding")) return WindowFrame.START_OFFSET_PRECEDING;
        p.expectKw("following");
        return WindowFrame.START_OFFSET_FOLLOWING;
    }

    /** opt_window_exclusion_clause. */
    private int exclusion() {
        if (!p.acceptKw("exclude")) return 0;
        if (p.acceptKw("current")) {
            p.expectKw("row");
            return WindowFrame.EXCLUDE_CURRENT_ROW;
        }
        if (p.acceptKw("group")) return WindowFrame.EXCLUDE_GROUP;
        if (p.acceptKw("ties")) return WindowFrame.EXCLUDE_TIES;
        p.expectKw("no");
        p.expectKw("others");
        return 0;
    }

    private PgException error(String msg, Token at) {
        return PgException.errorAt(WINDOWING_ERROR, msg, Lexer.position(p.src(), at.start()));
    }

    // ------------------------------------------------------------------ GROUP BY

    /** group_by_list after GROUP BY [ALL|DISTINCT]. */
    List<RawExpr> groupByList() {
        List<RawExpr> items = new ArrayList<>();
        do {
            items.add(groupByItem());
        } while (p.acceptChar(','));
        return List.copyOf(items);
    }

    /** group_by_item: a_expr, (), ROLLUP (...), CUBE (...) or GROUPING SETS (...). */
    private RawExpr groupByItem() {
        Token t = p.peek();
        if (p.isChar('(') && p.peek(1).isChar(')')) {
            p.advance();
            p.advance();
            return new RawExpr.GroupingSet(RawExpr.GroupingSetKind.EMPTY, List.of(), t.start());
        }
        if ((t.value().equals("rollup") || t.value().equals("cube")) && p.peek(1).isChar('(')) {
            p.advance();
            p.expectChar('(');
            List<RawExpr> content = new ArrayList<>();
            do {
                content.add(setElement());
            } while (p.acceptChar(','));
            p.expectChar(')');
            return new RawExpr.GroupingSet(t.value().equals("rollup") ? RawExpr.GroupingSetKind.ROLLUP
                    : RawExpr.GroupingSetKind.CUBE, List.copyOf(content), t.start());
        }
        if (p.isKw("grouping") && p.peek(1).value().equals("sets")) {
            p.advance();
            p.advance();
            p.expectChar('(');
            List<RawExpr> content = new ArrayList<>();
            do {
                content.add(setsElement());
            } while (p.acceptChar(','));
            p.expectChar(')');
            return new RawExpr.GroupingSet(RawExpr.GroupingSetKind.SETS, List.copyOf(content), t.start());
        }
        return p.aExprPublic();
    }

    /** An element of GROUPING SETS (...): any group_by_item, or a parenthesised list (a SIMPLE set). */
    private RawExpr setsElement() {
        if (p.isChar('(') && !p.peek(1).isChar(')') && !startsSubquery()) return parenthesisedList();
        return groupByItem();
    }

    /** An element of ROLLUP/CUBE (...): an expression or a parenthesised list (gram.y's implicit row). */
    private RawExpr setElement() {
        if (p.isChar('(') && !startsSubquery()) {
            if (p.peek(1).isChar(')')) {
                Token t = p.advance();
                p.advance();
                return new RawExpr.GroupingSet(RawExpr.GroupingSetKind.EMPTY, List.of(), t.start());
            }
            return parenthesisedList();
        }
        return p.aExprPublic();
    }

    private boolean startsSubquery() {
        return p.peek(1).isKeyword("select") || p.peek(1).isKeyword("values") || p.peek(1).isKeyword("with");
    }

    /**
     * '(' a, b, ... ')': a SIMPLE set of several expressions, or one parenthesised expression
     * (which may go on, as in (a) + 1: then it is an expression, not a set). Nested lists are
     * flattened, as transformGroupingSet flattens implicit rows: ((a, b)) and (a, (a, b)) are
     * the sets {a, b}.
     */
    private RawExpr parenthesisedList() {
        Token t = p.expectChar('(');
        List<RawExpr> items = new ArrayList<>();
        do {
            if (p.isChar('(') && !p.peek(1).isChar(')') && !startsSubquery()) {
                RawExpr inner = parenthesisedList();
                if (inner instanceof RawExpr.GroupingSet gs) items.addAll(gs.content());
                else items.add(inner);
            } else {
                items.add(p.aExprPublic());
            }
        } while (p.acceptChar(','));
        p.expectChar(')');
        if (items.size() == 1 && !p.isChar(',') && !p.isChar(')')) throw p.syntaxError(p.peek());
        return new RawExpr.GroupingSet(RawExpr.GroupingSetKind.SIMPLE, List.copyOf(items), t.start());
    }
}
