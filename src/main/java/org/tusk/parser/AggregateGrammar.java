package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * gram.y's CREATE [OR REPLACE] AGGREGATE (both the current syntax, name(args) (definition), and
 * the old one, name (definition with BASETYPE)), the aggr_args of ordered-set aggregates
 * ([direct args] ORDER BY aggregated args), and DROP AGGREGATE.
 */
final class AggregateGrammar {
    /** Reserved keywords that are def_arg values (reserved_keyword in gram.y) rather than names. */
    private static final java.util.Set<String> WORD_VALUES = java.util.Set.of("true", "false", "on", "off", "none");

    private final Parser p;
    private final String src;

    AggregateGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    private List<String> anyName() {
        List<String> n = new ArrayList<>();
        n.add(p.colId());
        while (p.acceptChar('.')) n.add(p.colId());
        return n;
    }

    Stmt create() {
        int location = p.peek().start();
        p.expectKw("create");
        boolean replace = false;
        if (p.acceptKw("or")) {
            if (!p.peek().is(Kind.IDENT) || !p.peek().value().equals("replace")) throw p.syntaxError(p.peek());
            p.advance();
            replace = true;
        }
        p.expectKw("aggregate");
        List<String> name = anyName();
        List<Stmt.FunctionParameter> args = null;
        int directArgs = -1;
        // old syntax: the parenthesised list is the definition itself (its first item is "word =")
        boolean oldSyntax = p.isChar('(') && p.peek(1).is(Kind.IDENT) && isEquals(p.peek(2));
        if (!oldSyntax) {
            args = new ArrayList<>();
            directArgs = aggrArgs(args);
        }
        List<Stmt.CreateAggregateStmt.AggDefElem> def = definition();
        return new Stmt.CreateAggregateStmt(replace, name, args, directArgs, def, location);
    }

    /**
     * aggr_args into {@code out}: "(*)", "(args)", "(ORDER BY args)" or "(args ORDER BY args)".
     * Returns the number of direct arguments of an ordered-set aggregate, or -1.
     */
    private int aggrArgs(List<Stmt.FunctionParameter> out) {
        return aggrArgs(p, src, out);
    }

    /**
     * aggr_args, also for ALTER AGGREGATE. As gram.y's makeOrderedSetArgs, a VARIADIC last direct
     * argument must be followed by exactly one VARIADIC aggregated argument of the same type, which
     * is dropped from the internal form (the VARIADIC argument covers both lists).
     */
    static int aggrArgs(Parser p, String src, List<Stmt.FunctionParameter> out) {
        p.expectChar('(');
        if (p.acceptChar('*')) {
            p.expectChar(')');
            return -1;
        }
        int direct = -1;
        if (p.isKw("order")) {
            p.advance();
            p.expectKw("by");
            direct = 0;
        }
        do out.add(FunctionGrammar.parameter(p, src, false)); while (p.acceptChar(','));
        if (direct < 0 && p.isKw("order")) {
            p.advance();
            p.expectKw("by");
            direct = out.size();
            List<Stmt.FunctionParameter> ordered = new ArrayList<>();
            int at = p.peek().start();
            do ordered.add(FunctionGrammar.parameter(p, src, false)); while (p.acceptChar(','));
            Stmt.FunctionParameter lastDirect = out.get(out.size() - 1);
            if (lastDirect.mode() == 'v') {
                Stmt.FunctionParameter first = ordered.get(0);
                if (ordered.size() != 1 || first.mode() != 'v' || !sameType(lastDirect.type(), first.type())) {
                    throw PgException.errorAt(SqlState.SYNTAX_ERROR, "an ordered-set aggregate with a VARIADIC direct "
                            + "argument must have one VARIADIC aggregated argument of the same data type",
                            Lexer.position(src, at));
                }
            } else {
                out.addAll(ordered);
            }
        }
        p.expectChar(')');
        return direct;
    }

    private static boolean sameType(TypeName a, TypeName b) {
        return a.names().equals(b.names()) && a.array() == b.array();
    }

    /** definition: "(" def_elem [, ...] ")", def_elem being ColLabel [= def_arg]. */
    private List<Stmt.CreateAggregateStmt.AggDefElem> definition() {
        p.expectChar('(');
        List<Stmt.CreateAggregateStmt.AggDefElem> out = new ArrayList<>();
        do {
            Token n = p.advance();
            if (!n.is(Kind.IDENT)) throw p.syntaxError(n);
            String value = null;
            TypeName type = null;
            if (isEquals(p.peek())) {
                p.advance();
                Token v = p.peek();
                if (v.is(Kind.SCONST)) {
                    value = p.advance().value();
                } else if (v.is(Kind.ICONST) || v.is(Kind.FCONST)) {
                    value = p.advance().value();
                } else if (v.is(Kind.OP) && (p.peek(1).is(Kind.ICONST) || p.peek(1).is(Kind.FCONST))) {
                    value = p.advance().value() + p.advance().value();
                } else if (v.is(Kind.IDENT) && v.keyword() != null && WORD_VALUES.contains(v.keyword())) {
                    value = p.advance().keyword();   // reserved words a Boolean parameter takes (defGetBoolean)
                } else if (v.is(Kind.OP)) {
                    value = p.advance().value();   // qual_all_Op (SORTOP = >)
                } else if ((type = nameWithModifiers()) != null) {
                    value = String.join(".", type.names());
                } else {
                    int start = v.start();
                    type = p.typeName();
                    // a bare word (SHAREABLE, SAFE) is its own value; the source text would
                    // carry a following comment along
                    value = type.names().size() == 1 && !type.array() && type.typmods().isEmpty() ? type.names().get(0)
                            : src.substring(start, p.peek().start()).strip();
                }
            }
            // ColLabel keeps the case of a quoted name: "Sfunc1" is not sfunc1
            out.add(new Stmt.CreateAggregateStmt.AggDefElem(n.value(), value, type, n.start()));
        } while (p.acceptChar(','));
        p.expectChar(')');
        return out;
    }

    /** DROP AGGREGATE [IF EXISTS] aggregate_with_argtypes [, ...] [CASCADE | RESTRICT]. */
    Stmt drop() {
        p.expectKw("drop");
        p.expectKw("aggregate");
        boolean missingOk = p.acceptIfExists();
        List<Stmt.DropAggregateStmt.AggregateRef> refs = new ArrayList<>();
        do {
            List<String> name = anyName();
            List<Stmt.FunctionParameter> args = new ArrayList<>();
            int direct = aggrArgs(args);
            List<TypeName> types = new ArrayList<>();
            for (Stmt.FunctionParameter a : args) types.add(a.type());
            refs.add(new Stmt.DropAggregateStmt.AggregateRef(name, types, direct));
        } while (p.acceptChar(','));
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropAggregateStmt(refs, missingOk, cascade);
    }

    /**
     * def_arg's func_type written as a generic type with modifiers, "name(int8, int4)": the
     * grammar takes the parenthesised list as type modifiers, any expressions, and
     * defGetQualifiedName keeps only the name, so a support function may be written with its
     * argument types. Null (nothing consumed) when the next tokens are not of that form.
     */
    private TypeName nameWithModifiers() {
        int i = 0;
        if (!p.peek(i).is(Kind.IDENT)) return null;
        while (p.peek(i + 1).isChar('.') && p.peek(i + 2).is(Kind.IDENT)) i += 2;
        if (!p.peek(i + 1).isChar('(')) return null;
        int location = p.peek().start();
        List<String> names = new ArrayList<>();
        names.add(p.advance().value());
        while (p.acceptChar('.')) names.add(p.advance().value());
        p.expectChar('(');
        for (int depth = 1; depth > 0; ) {
            Token t = p.advance();
            if (t.is(Kind.EOF)) throw p.syntaxError(t);
            if (t.isChar('(')) depth++;
            else if (t.isChar(')')) depth--;
        }
        return new TypeName(names, List.of(), false, location);
    }

    private static boolean isEquals(Token t) {
        return t.isChar('=') || t.is(Kind.OP) && t.value().equals("=");
    }
}
