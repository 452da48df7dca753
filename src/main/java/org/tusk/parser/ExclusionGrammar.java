package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;

/**
 * gram.y's ExclusionConstraint: EXCLUDE [USING method] ( index_elem WITH operator [, ...] )
 * [WHERE ( predicate )] ConstraintAttributeSpec, where the operator is bare or
 * OPERATOR(schema.op). INCLUDE, WITH (storage parameters) and USING INDEX TABLESPACE are valid
 * PostgreSQL that Tusk does not run yet (0A000 at their position).
 */
final class ExclusionGrammar {
    private final Parser p;

    ExclusionGrammar(Parser p) {
        this.p = p;
    }

    /** After [CONSTRAINT name], at EXCLUDE; {@code location} is where the constraint starts. */
    Stmt.TableConstraint exclusionConstraint(String name, int location) {
        p.expectKw("exclude");
        String method = "btree";   // access_method_clause's DEFAULT_INDEX_TYPE
        if (p.acceptKw("using")) method = p.colId();
        p.expectChar('(');
        IndexGrammar ig = new IndexGrammar(p);
        List<Stmt.IndexElem> elems = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        do {
            elems.add(ig.indexElem());
            p.expectKw("with");
            ops.add(p.usingOperator());
        } while (p.acceptChar(','));
        p.expectChar(')');
        if (p.isKw("include") || p.isKw("with") || p.isKw("using"))
            throw p.notSupported(p.peek().value().toUpperCase(Locale.ROOT) + " in a constraint", p.peek().start());
        RawExpr where = null;
        String whereSql = null;
        if (p.acceptKw("where")) {
            p.expectChar('(');
            int start = p.peek().start();
            where = p.aExpr();
            whereSql = p.src.substring(start, p.lastEnd);
            p.expectChar(')');
        }
        boolean[] when = new ConstraintGrammar(p).keyAttributes("EXCLUDE");
        List<String> columns = new ArrayList<>();
        for (Stmt.IndexElem e : elems) if (e.column() != null) columns.add(e.column());
        return new Stmt.TableConstraint(name, 'x', List.copyOf(columns), location, null, false, null, false, when[0],
                when[1], -1, new Stmt.Exclusion(method, List.copyOf(elems), List.copyOf(ops), where, whereSql), false);
    }
}
