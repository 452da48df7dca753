package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.Token.Kind;

/**
 * gram.y's CommentStmt: COMMENT ON object IS 'text' | NULL, for the object types Tusk has
 * (relations of every kind, columns, constraints on tables and domains, functions, aggregates, types, schemas). The other
 * object types of the grammar (roles, databases, aggregates, operators, ...) are valid
 * PostgreSQL that Tusk does not run yet: the statement is skipped and reported at execution.
 */
final class CommentGrammar {
    private final Parser p;
    private final String src;

    CommentGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    Stmt comment() {
        Token first = p.expectKw("comment");
        p.expectKw("on");
        Token t = p.peek();
        String word = t.value().toLowerCase(Locale.ROOT);
        String objtype;
        List<String> names = List.of();
        String member = null;
        Stmt.DropFunctionStmt.FunctionRef function = null;
        TypeName type = null;
        switch (word) {
            case "table", "sequence", "view", "index", "column", "schema" -> {
                p.advance();
                objtype = word;
                names = anyName();
            }
            case "materialized" -> {
                p.advance();
                p.expectKw("view");
                objtype = "materialized view";
                names = anyName();
            }
            case "foreign" -> {
                p.advance();
                if (!p.peek().value().equalsIgnoreCase("table")) return p.unsupportedRest("COMMENT");
                p.advance();
                objtype = "foreign table";
                names = anyName();
            }
            case "constraint" -> {
                p.advance();
                objtype = "constraint";
                member = p.colId();
                p.expectKw("on");
                // DOMAIN is unreserved: it is still the keyword here when a name follows it
                if (p.peek().value().equalsIgnoreCase("domain")
                        && !p.peek(1).value().equalsIgnoreCase("is")) {
                    p.advance();
                    // COMMENT ON CONSTRAINT name ON DOMAIN any_name (OBJECT_DOMCONSTRAINT)
                    objtype = "domain constraint";
                    type = p.typeName();
                } else {
                    names = anyName();
                }
            }
            case "function" -> {
                p.advance();
                objtype = "function";
                function = new FunctionGrammar(p, src).functionRef();
            }
            case "aggregate" -> {
                // COMMENT ON AGGREGATE aggregate_with_argtypes: the signature as DROP AGGREGATE writes it
                p.advance();
                objtype = "aggregate";
                List<String> name = anyName();
                List<Stmt.FunctionParameter> args = new ArrayList<>();
                AggregateGrammar.aggrArgs(p, src, args);
                List<TypeName> types = new ArrayList<>();
                for (Stmt.FunctionParameter a : args) types.add(a.type());
                function = new Stmt.DropFunctionStmt.FunctionRef(name, types, types, "aggregate");
            }
            case "type" -> {
                p.advance();
                objtype = "type";
                type = p.typeName();
            }
            default -> {
                if (t.is(Kind.EOF)) throw p.syntaxError(t);
                return p.unsupportedRest("COMMENT");
            }
        }
        p.expectKw("is");
        String comment;
        if (p.acceptKw("null")) comment = null;
        else comment = p.sconst();
        return new Stmt.CommentStmt(objtype, names, member, function, type, comment, first.start());
    }

    /** any_name: ColId [. attr_name ...]. */
    private List<String> anyName() {
        List<String> n = new ArrayList<>();
        n.add(p.colId());
        while (p.acceptChar('.')) {
            Token t = p.peek();
            if (!Keywords.isColLabel(t)) throw p.syntaxError(t);
            n.add(p.advance().value());
        }
        return n;
    }
}
